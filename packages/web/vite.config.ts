import process from 'node:process';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API the dev server forwards /api to: the one `npm run dev` starts (PORT, default 8080). */
const apiUrl = process.env.BANTAY_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? '8080'}`;

/**
 * The server serves dist/ under a strict CSP (script-src 'self', no inline code, no eval),
 * so the build must not inline anything into index.html and assets stay files, never
 * data: URLs.
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    // main.tsx imports zod-jitless first; keep that order even when the schemas land in a
    // shared chunk, or Zod probes `new Function` under the CSP before it is told not to.
    rolldownOptions: { output: { strictExecutionOrder: true } },
  },
  server: {
    port: 5173,
    strictPort: true,
    // The Host header stays the dev server's, so the API's same-origin check passes.
    proxy: { '/api': { target: apiUrl, changeOrigin: false } },
  },
});
