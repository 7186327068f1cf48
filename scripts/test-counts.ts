import fs from 'node:fs';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export function readVitestCounts(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  return {
    passed: report.numPassedTests ?? 0,
    // A file that fails to load counts as a failure even when it ran no test.
    failed: (report.numFailedTests ?? 0) + (report.testResults ?? []).filter((r: { status?: string; assertionResults?: unknown[] }) => r.status === 'failed' && !r.assertionResults?.length).length,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

export function readPlaywrightCounts(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const stats = report.stats ?? {};
  return { passed: stats.expected ?? 0, failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0), skipped: stats.skipped ?? 0 };
}
