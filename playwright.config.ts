import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { planE2eDay } from './lib/testing/e2e-payer-day';

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${PORT}`;
const DATA_DIR = process.env.E2E_DATA_DIR ?? 'test-results/e2e-data';
export const SERVER_LOG = process.env.E2E_SERVER_LOG ?? 'test-results/server.log';
const APP_LIFECYCLE = [/developer-.*\.spec\.ts/, /app-review.*\.spec\.ts/];
// Moves the app clock half a year ahead (a birthday must come): every session that was live ends,
// so it runs after everything else.
const CLOCK = [/representatives\.spec\.ts/];

// The payer day the whole run lives on, decided once in the runner (its workers inherit the
// environment): the server's demo data and the specs' expected dates are both computed from it.
// E2E_CLOCK_NOW pins the server's clock to an instant (to try a run that starts before midnight).
if (!process.env.E2E_PAYER_DAY) {
  const plan = planE2eDay(new Date(), process.env.E2E_CLOCK_NOW || undefined);
  process.env.E2E_PAYER_DAY = plan.day;
  process.env.E2E_CLOCK_NOW = plan.clockNow ?? '';
}

// Debian's Chromium only: Playwright never downloads a browser here.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/playwright',
  use: {
    baseURL: E2E_BASE_URL,
    trace: 'retain-on-failure',
    launchOptions: chromium,
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts/, use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
    { name: 'chromium', dependencies: ['setup'], testIgnore: [/.*\.setup\.ts/, ...APP_LIFECYCLE, ...CLOCK], use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
    // Approving, suspending and reinstating apps changes the gallery every other spec reads (its
    // list, its "updated on" date): these journeys run last, on the same server.
    { name: 'app-lifecycle', dependencies: ['chromium'], testMatch: APP_LIFECYCLE, use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
    { name: 'clock', dependencies: ['app-lifecycle'], testMatch: CLOCK, use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
  ],
  webServer: [
    {
      // The server's log is kept: after the run, `npm test` checks it names no demo member and no code.
      command: `rm -rf ${DATA_DIR} && mkdir -p ${path.dirname(SERVER_LOG)} && node --import ./lib/runtime/register.mjs scripts/start.ts 2>&1 | tee ${SERVER_LOG}`,
      url: `${E2E_BASE_URL}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(PORT),
        PUBLIC_URL: E2E_BASE_URL,
        DATA_DIR,
        DEMO_DATA: '1',
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
        SMTP_URL: '',
        // e2e/representatives.spec.ts moves the app clock through /dev/clock (off unless set).
        E2E_CLOCK_CONTROL: '1',
        CLOCK_NOW: process.env.E2E_CLOCK_NOW ?? '',
      },
    },
    {
      // The sample third-party app, registered as blue-button-explorer with this exact redirect.
      command: 'node --import ./lib/runtime/register.mjs sample-app/server.ts',
      url: 'http://127.0.0.1:8765/',
      timeout: 60_000,
      reuseExistingServer: false,
      env: { SAMPLE_APP_PORT: '8765', SAMPLE_APP_ISS: `${E2E_BASE_URL}/fhir` },
    },
  ],
});
