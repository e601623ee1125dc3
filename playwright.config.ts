import { defineConfig } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from './e2e/chromium.ts';
import { freePortSync } from './scripts/free-port.ts';

// A free port unless E2E_PORT names one, so several runs can share a machine. Playwright loads
// this file again in each worker process: the port chosen here is put in the environment the
// workers inherit, so the server and every worker's baseURL agree.
process.env.E2E_PORT ||= String(freePortSync());
const PORT = Number(process.env.E2E_PORT);
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
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${OUT_DIR}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
