import { Hono } from 'hono'
import type { AppEnv } from '../../http/app-env'
import { publicRateLimit } from '../../http/public-rate-limit'
import { companyToday } from '../../lib/clock'
import { isAppError } from '../../lib/errors'
import { escapeHtml } from '../../lib/html'
import { loadCompanyProfile } from '../messaging/mail-settings'
import { page } from '../messaging/public-pages'
import { answerSurvey, openSurvey } from './survey.service'

const TOKEN = /^[A-Za-z0-9_-]{20,64}$/

const words = {
  de: {
    title: 'Warum sind Sie gegangen?',
    intro: (company: string) =>
      `Sie haben länger nicht bei ${company} bestellt. Verraten Sie uns, warum? Das dauert zwei Minuten und hilft uns, besser zu werden.`,
    reasons: 'Was hat den Ausschlag gegeben? (mehrere möglich)',
    text: 'Möchten Sie uns noch etwas sagen?',
    offer: 'Wäre ein Angebot von uns willkommen?',
    yes: 'Ja, gern',
    no: 'Nein, danke',
    objection: 'Bitte keine Werbung mehr von uns',
    send: 'Absenden',
    thanks: 'Vielen Dank!',
    thanksText: 'Ihre Antwort ist angekommen.',
    invalid: 'Dieser Link ist nicht (mehr) gültig.',
    answered: 'Diese Befragung wurde schon beantwortet. Vielen Dank!',
  },
  en: {
    title: 'Why did you leave?',
    intro: (company: string) =>
      `You have not ordered from ${company} for a while. Would you tell us why? It takes two minutes and helps us do better.`,
    reasons: 'What made the difference? (choose any)',
    text: 'Anything else you would like to tell us?',
    offer: 'Would an offer from us be welcome?',
    yes: 'Yes, please',
    no: 'No, thank you',
    objection: 'No more advertising from you, please',
    send: 'Send',
    thanks: 'Thank you!',
    thanksText: 'Your answer has arrived.',
    invalid: 'This link is not valid (any more).',
    answered: 'This survey was answered already. Thank you!',
  },
}

/**
 * "Warum sind Sie gegangen?": the public page behind the personal link in letters and e-mails. It
 * shows the company's name and nothing about the person, asks for the reasons (the catalogue in plain
 * words), a note, whether an offer is welcome, and lets them object to advertising. Plain HTML that
 * works without JavaScript; rate-limited; no session.
 */
export function surveyPages() {
  const app = new Hono<AppEnv>()
  app.use('/s/*', publicRateLimit())
  app.get('/s/:token', async (c) => {
    const token = c.req.param('token')
    const survey = TOKEN.test(token) ? await openSurvey(c.get('deps').db.kysely, token) : null
    const lang = survey?.language ?? 'de'
    const w = words[lang]
    if (!survey) return c.html(page(lang, w.invalid, `<h1>${w.invalid}</h1>`), 404)
    if (survey.answered_at) return c.html(page(lang, w.thanks, `<h1>${w.thanks}</h1><p>${w.answered}</p>`))
    const company = escapeHtml((await loadCompanyProfile(c.get('deps').db.kysely)).name)
    const reasons = survey.reasons
      .map(
        (r) =>
          `<label><input type="checkbox" name="reason" value="${r.id}"> ${escapeHtml(lang === 'de' ? r.name_de : r.name_en)}</label>`,
      )
      .join('')
    return c.html(
      page(
        lang,
        w.title,
        `<h1>${w.title}</h1><p>${w.intro(company)}</p><form method="post"><fieldset><legend>${w.reasons}</legend>${reasons}</fieldset><label for="text">${w.text}</label><textarea id="text" name="text" maxlength="2000"></textarea><fieldset><legend>${w.offer}</legend><label><input type="radio" name="offer" value="yes"> ${w.yes}</label><label><input type="radio" name="offer" value="no" checked> ${w.no}</label></fieldset><fieldset><label><input type="checkbox" name="objection" value="yes"> ${w.objection}</label></fieldset><button type="submit">${w.send}</button></form>`,
      ),
    )
  })
  app.post('/s/:token', async (c) => {
    const token = c.req.param('token')
    const deps = c.get('deps')
    const survey = TOKEN.test(token) ? await openSurvey(deps.db.kysely, token) : null
    const lang = survey?.language ?? 'de'
    const w = words[lang]
    if (!survey) return c.html(page(lang, w.invalid, `<h1>${w.invalid}</h1>`), 404)
    const body = await c.req.parseBody({ all: true })
    const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String)
    try {
      await answerSurvey(
        deps.db.kysely,
        token,
        {
          reasonIds: list(body.reason)
            .map(Number)
            .filter((n) => Number.isInteger(n)),
          text: typeof body.text === 'string' ? body.text : '',
          offerWelcome: body.offer === 'yes',
          objection: body.objection === 'yes',
        },
        {
          userId: null,
          now: deps.clock().toISOString(),
          today: companyToday(deps.clock, deps.config.timeZone),
        },
      )
    } catch (error) {
      if (isAppError(error) && error.code === 'conflict')
        return c.html(page(lang, w.thanks, `<h1>${w.thanks}</h1><p>${w.answered}</p>`))
      throw error
    }
    return c.html(page(lang, w.thanks, `<h1>${w.thanks}</h1><p>${w.thanksText}</p>`))
  })
  return app
}
