import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The web app: built into dist/web and served by the winback server (npm start); `npm run dev`
// serves it with hot reload and forwards /api to a server on port 3000.
export default defineConfig({
  plugins: [react()],
  root: '.',
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
})
