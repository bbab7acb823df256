// The studio's build. `npm run build` writes studio/dist, which the server serves;
// `npm run dev` serves it with hot reload and forwards /api to the server.
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Element Plus alone is ~900 kB minified; the budget that matters is the gzipped first page (see README).
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: Number(process.env.STUDIO_PORT ?? 5173),
    proxy: { '/api': `http://localhost:${process.env.PORT ?? 3000}` },
  },
});
