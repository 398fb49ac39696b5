import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API runs on the same origin in production (the server serves web/dist); in development vite
// forwards /api to a server started with `npm start` (PORT 3000 unless told otherwise).
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': `http://localhost:${process.env.API_PORT ?? '3000'}` } },
  build: {
    chunkSizeWarningLimit: 1200,
  },
});
