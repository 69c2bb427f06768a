import { defineConfig } from '@playwright/test';

// Runs against a running Atrium (./atrium up), in Debian's Chromium: no browser download.
export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  retries: 0,
  reporter: 'list',
  outputDir: process.env.ATRIUM_E2E_OUT ?? 'test-results',
  timeout: 60_000,
  use: {
    baseURL: process.env.ATRIUM_URL ?? 'http://localhost:8080',
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
});
