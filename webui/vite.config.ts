import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const master = 'http://localhost:8080';

// In development the master serves the API and the login flow; Vite serves the portal.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': master,
      '/q': master,
      '/login': master,
      '/logout': master,
    },
  },
});
