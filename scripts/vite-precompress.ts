import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import type { Plugin } from 'vite'

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside every text asset of the web build, once at build
 * time; the server sends the smallest one the browser accepts (serveStatic's precompressed), without
 * compressing anything per request.
 */
export function precompress(): Plugin {
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
