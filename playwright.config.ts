import { defineConfig } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from './e2e/chromium.ts';

// Overridable so several people can run the suite at once on one machine.
const PORT = Number(process.env.E2E_PORT ?? 4317);
const OUT_DIR = process.env.E2E_OUT_DIR ?? 'dist';
// `npm run bench` runs the browser benchmarks (*.perf.ts) with the same set-up.
const BENCH = process.env.BENCH === '1';

export default defineConfig({
  testDir: 'e2e',
  testMatch: BENCH ? '**/*.perf.ts' : '**/*.spec.ts',
  timeout: BENCH ? 600_000 : 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    acceptDownloads: true,
    trace: 'off',
  },
  // The e2e tests run against the production build (the one that carries the CSP).
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --outDir ${OUT_DIR}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
