import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

// The web app: built into dist/web and served by the winback server (npm start); `npm run dev`
// serves it with hot reload and forwards /api to a server on port 3000.
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside every text asset of the web build, once at build
 * time; the server sends the smallest one the browser accepts (serveStatic's precompressed), without
 * compressing anything per request.
 */
function precompress(): Plugin {
  let outDir = 'dist/web'
  return {
    name: 'winback-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
    },
    writeBundle(_options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(file)) continue
        const full = path.join(outDir, file)
        const bytes = fs.readFileSync(full)
        if (bytes.byteLength < 1024) continue
        fs.writeFileSync(
          `${full}.br`,
          zlib.brotliCompressSync(bytes, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
            },
          }),
        )
        fs.writeFileSync(`${full}.gz`, zlib.gzipSync(bytes, { level: 9 }))
      }
    },
  }
}

export default defineConfig({
  plugins: [react(), precompress()],
  root: '.',
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    // the largest chunk (Mantine and React) is about 600 kB before compression
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
})
