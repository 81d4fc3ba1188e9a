import fs from 'node:fs'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from './app-env'

/** Serves the built web app (dist/web) with index.html as the fallback for client-side routes. */
export function serveWeb(app: OpenAPIHono<AppEnv>, webDir: string): void {
  const root = path.relative(process.cwd(), webDir) || '.'
  if (fs.existsSync(webDir)) {
    app.use(
      '/assets/*',
      serveStatic({
        root,
        // the .br / .gz copies written at build time (scripts/vite-precompress.ts)
        precompressed: true,
        onFound: (_p, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable'),
      }),
    )
    app.use('*', serveStatic({ root }))
  }
  app.get('*', (c) => {
    const index = path.join(webDir, 'index.html')
    if (!fs.existsSync(index))
      return c.text('The web app is not built yet: run `npm run build` (npm start does it for you).', 503)
    c.header('Cache-Control', 'no-cache')
    return c.html(fs.readFileSync(index, 'utf8'))
  })
}
