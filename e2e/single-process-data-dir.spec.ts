import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';

test('a second process on the same data directory is refused, and the first keeps serving', async ({ request }) => {
  test.skip(!!process.env.E2E_DATABASE_URL, 'Postgres mode has no data directory lock');
  const second = spawnSync(process.execPath, ['--import', './lib/runtime/register.mjs', 'scripts/start.ts'], {
    env: { ...process.env, PORT: '3199', DATA_DIR: process.env.E2E_DATA_DIR ?? 'test-results/e2e-data', DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(second.status).toBe(1);
  expect(second.stderr).toContain('is already in use by another process');
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expect((await request.get('/help')).status()).toBe(200);
});
