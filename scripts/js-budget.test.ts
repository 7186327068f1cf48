import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { firstLoadJsFromBuild, jsBudgetKb, loadBudget, routeMatches, routesOverBudget, type PageBudget } from './js-budget';

const budget: PageBudget = {
  firstLoadJsKb: { default: 50, routes: { '/account': 80, '/account/*': 70 } },
  lighthouse: { accessibility: 100, bestPractices: 100 },
  relativeToEmptyPage: { enforce: false, performanceMaxPointsBelow: 2, lcpMaxRatio: 1.2, tbtMaxRatio: 1.5 },
};

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A project folder with a planted `.next`: chunks of random (incompressible) bytes and Next's route stats. */
function plantBuild(routes: Record<string, Record<string, number>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'js-budget-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, '.next', 'static', 'chunks'), { recursive: true });
  fs.mkdirSync(path.join(dir, '.next', 'diagnostics'), { recursive: true });
  const stats = Object.entries(routes).map(([route, chunks]) => {
    const paths = Object.entries(chunks).map(([name, bytes]) => {
      const file = `.next/static/chunks/${name}.js`;
      if (!fs.existsSync(path.join(dir, file))) fs.writeFileSync(path.join(dir, file), randomBytes(bytes));
      return file;
    });
    return { route, firstLoadUncompressedJsBytes: Object.values(chunks).reduce((a, b) => a + b, 0), firstLoadChunkPaths: paths };
  });
  fs.writeFileSync(path.join(dir, '.next', 'diagnostics', 'route-bundle-stats.json'), JSON.stringify(stats));
  return dir;
}

describe('the first-load JS budget', () => {
  it('matches budget patterns to build routes and to measured URL paths', () => {
    expect(routeMatches('/connect/[flowId]/code', '/connect/[flowId]/code')).toBe(true);
    expect(routeMatches('/connect/[flowId]/code', '/connect/0b6a4c1e-1111/code')).toBe(true);
    expect(routeMatches('/connect/[flowId]/code', '/connect/x/approve')).toBe(false);
    expect(routeMatches('/account/*', '/account/report')).toBe(true);
    expect(routeMatches('/account/*', '/account')).toBe(false);
    expect(routeMatches('/', '/')).toBe(true);
    expect(jsBudgetKb(budget, '/account')).toBe(80);
    expect(jsBudgetKb(budget, '/account/connections/[grantId]')).toBe(70);
    expect(jsBudgetKb(budget, '/apps')).toBe(50);
  });

  it('passes a build under budget and fails the route that a heavy dependency puts over it', () => {
    const shared = { framework: 30_000 };
    const under = plantBuild({ '/apps': { ...shared, apps: 10_000 }, '/account': { ...shared, account: 40_000 } });
    const routes = firstLoadJsFromBuild(under);
    // Random bytes do not compress: gzip adds a few bytes of framing.
    expect(routes.find((r) => r.route === '/apps')!.gzipBytes).toBeGreaterThanOrEqual(40_000);
    expect(routesOverBudget(routes, budget)).toEqual([]);

    const heavy = plantBuild({ '/apps': { ...shared, apps: 10_000, 'heavy-date-library': 15_000 }, '/account': { ...shared, account: 40_000 } });
    const over = routesOverBudget(firstLoadJsFromBuild(heavy), budget);
    expect(over.map((o) => o.route)).toEqual(['/apps']);
    expect(over[0].kb).toBeGreaterThan(55);
    expect(over[0].budgetKb).toBe(50);
  });

  it('refuses to pass silently when the build left no route stats', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'js-budget-'));
    dirs.push(dir);
    expect(() => firstLoadJsFromBuild(dir)).toThrow(/route-bundle-stats\.json is missing/);
  });

  it('reads the repository budget file', () => {
    const real = loadBudget();
    expect(real.lighthouse).toEqual({ accessibility: 100, bestPractices: 100 });
    expect(real.firstLoadJsKb.default).toBeGreaterThan(100);
  });
});
