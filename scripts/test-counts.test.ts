import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlaywrightCounts, readVitestCounts } from './test-counts';

const write = (body: object) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'counts-')), 'report.json');
  fs.writeFileSync(file, JSON.stringify(body));
  return file;
};

describe('test counts for the closing line', () => {
  it('counts failed tests once, and a file that failed to load as one failure', () => {
    const file = write({
      numPassedTests: 10,
      numFailedTests: 1,
      numPendingTests: 2,
      numTodoTests: 0,
      testResults: [
        { status: 'failed', assertionResults: [{ status: 'failed' }, { status: 'passed' }] },
        { status: 'failed', assertionResults: [] },
        { status: 'passed', assertionResults: [{ status: 'passed' }] },
      ],
    });
    expect(readVitestCounts(file)).toEqual({ passed: 10, failed: 2, skipped: 2 });
  });
  it('treats a missing report as a failure', () => {
    expect(readVitestCounts('/nonexistent/report.json').failed).toBe(1);
    expect(readPlaywrightCounts('/nonexistent/report.json').failed).toBe(1);
  });
  it('reads Playwright stats', () => {
    expect(readPlaywrightCounts(write({ stats: { expected: 5, unexpected: 1, flaky: 1, skipped: 0 } }))).toEqual({ passed: 5, failed: 2, skipped: 0 });
  });
});
