// The dashboard build: Preact through Vite's own JSX transform (no Babel preset needed), static files to
// web/dist, which wrangler serves as the Worker's assets (and `wrangler pages deploy web/dist` can deploy).
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  // `vite dev` on its own (optional): the API is the Worker on 8787.
  server: {
    proxy: { '/v1': { target: 'http://localhost:8787', ws: true }, '/docs': 'http://localhost:8787' },
  },
});
