import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { precompress } from './scripts/vite-precompress'

// The web app: built into dist/web and served by the winback server (npm start); `npm run dev`
// serves it with hot reload and forwards /api to a server on port 3000.
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
