import { Hono } from 'hono'
import type { AppEnv } from '../../http/app-env'
import { publicRateLimit } from '../../http/public-rate-limit'
import { companyToday } from '../../lib/clock'
import { isAppError } from '../../lib/errors'
import { escapeHtml } from '../../lib/html'
import { unsubscribe } from './messaging.service'

/** A small page that works without JavaScript, on a phone too. */
export function page(lang: 'de' | 'en', title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}h1{font-size:1.4rem}button{font-size:1rem;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#0ca678;color:#fff;cursor:pointer}fieldset{border:0;padding:0;margin:1rem 0}label{display:block;margin:.3rem 0}textarea{width:100%;min-height:5rem;font:inherit}</style></head><body>${body}</body></html>`
}

function languageOf(header: string | undefined): 'de' | 'en' {
  return header && /^en\b/i.test(header.trim()) ? 'en' : 'de'
}

const TOKEN = /^[A-Za-z0-9_-]{20,64}$/

/**
 * The one-click unsubscribe behind every advertising e-mail (no session, the token is the key):
 * GET shows a button (link scanners must not unsubscribe anyone), POST records the objection at
 * once; mail programs POST "List-Unsubscribe=One-Click" to the same address (RFC 8058).
 */
export function unsubscribePages() {
  const app = new Hono<AppEnv>()
  app.use('/u/*', publicRateLimit())
  app.get('/u/:token', (c) => {
    const lang = languageOf(c.req.header('accept-language'))
    if (!TOKEN.test(c.req.param('token'))) return c.html(page(lang, '404', '<h1>404</h1>'), 404)
    const title = lang === 'de' ? 'Keine Werbung mehr per E-Mail' : 'No more advertising by e-mail'
    const text =
      lang === 'de'
        ? 'Möchten Sie keine Werbung mehr per E-Mail von uns erhalten? Ein Klick genügt.'
        : 'Would you like no more advertising by e-mail from us? One click is enough.'
    const button = lang === 'de' ? 'Abmelden' : 'Unsubscribe'
    return c.html(
      page(
        lang,
        title,
        `<h1>${title}</h1><p>${text}</p><form method="post"><button type="submit">${button}</button></form>`,
      ),
    )
  })
  app.post('/u/:token', async (c) => {
    const lang = languageOf(c.req.header('accept-language'))
    const token = c.req.param('token')
    const deps = c.get('deps')
    try {
      if (!TOKEN.test(token)) throw new Error('bad token')
      const result = await unsubscribe(deps.db.kysely, token, {
        userId: null,
        now: deps.clock().toISOString(),
        today: companyToday(deps.clock, deps.config.timeZone),
      })
      const title = lang === 'de' ? 'Sie sind abgemeldet' : 'You are unsubscribed'
      const text =
        lang === 'de'
          ? `${escapeHtml(result.company)} schickt Ihnen keine Werbung mehr per E-Mail.`
          : `${escapeHtml(result.company)} will send you no more advertising by e-mail.`
      return c.html(page(lang, title, `<h1>${title}</h1><p>${text}</p>`))
    } catch (error) {
      if (!isAppError(error) && !(error instanceof Error && error.message === 'bad token')) throw error
      const title = lang === 'de' ? 'Link ungültig' : 'Link not valid'
      const text =
        lang === 'de'
          ? 'Dieser Link ist nicht (mehr) gültig. Antworten Sie einfach auf die E-Mail, dann melden wir Sie ab.'
          : 'This link is not valid (any more). Just reply to the e-mail and we will unsubscribe you.'
      return c.html(page(lang, title, `<h1>${title}</h1><p>${text}</p>`), 404)
    }
  })
  return app
}
