// The first-load JavaScript budget (bench/pages/budget.json), read by `npm run bench:pages` for the
// pages it measures and by `npm test` (e2e/js-budget.spec.ts) for every route of the build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_FILE = fileURLToPath(new URL('../bench/pages/budget.json', import.meta.url));

export interface PageBudget {
  firstLoadJsKb: { default: number; routes?: Record<string, number> };
  lighthouse: { accessibility: number; bestPractices: number };
  relativeToEmptyPage: { enforce: boolean; performanceMaxPointsBelow: number; lcpMaxRatio: number; tbtMaxRatio: number };
}

export function loadBudget(file = BUDGET_FILE): PageBudget {
  const budget = JSON.parse(fs.readFileSync(file, 'utf8')) as PageBudget;
  if (typeof budget.firstLoadJsKb?.default !== 'number') throw new Error(`${file}: firstLoadJsKb.default must be a number`);
  return budget;
}

/**
 * Whether a route pattern of the budget ("/connect/[flowId]/code", "/account/*") covers a route of
 * the build ("/connect/[flowId]/code") or a measured URL's path ("/connect/6f1c…/code").
 */
export function routeMatches(pattern: string, route: string): boolean {
  const deeper = pattern.endsWith('/*');
  const want = (deeper ? pattern.slice(0, -2) : pattern).split('/').filter(Boolean);
  const have = route.split('?')[0].split('/').filter(Boolean);
  if (deeper ? have.length <= want.length : have.length !== want.length) return false;
  return want.every((segment, i) => /^\[.+\]$/.test(segment) || segment === have[i]);
}

/** The route's first-load JS budget in kB (gzipped): the first matching pattern, else the default. */
export function jsBudgetKb(budget: PageBudget, route: string): number {
  for (const [pattern, kb] of Object.entries(budget.firstLoadJsKb.routes ?? {})) {
    if (routeMatches(pattern, route)) return kb;
  }
  return budget.firstLoadJsKb.default;
}

export interface RouteJs {
  route: string;
  /** Sum over the route's first-load chunks of each chunk gzipped at level 6. */
  gzipBytes: number;
  rawBytes: number;
  chunks: string[];
}

interface RouteBundleStat {
  route: string;
  firstLoadUncompressedJsBytes: number;
  firstLoadChunkPaths: string[];
}

/**
 * Every app route's first-load JavaScript from the last `next build` in `projectDir`: the chunks
 * Next.js lists per route in `.next/diagnostics/route-bundle-stats.json` (its own "First Load JS":
 * the root main files and the route's entry chunks; written by Turbopack builds), each gzipped.
 */
export function firstLoadJsFromBuild(projectDir: string): RouteJs[] {
  const statsFile = path.join(projectDir, '.next', 'diagnostics', 'route-bundle-stats.json');
  if (!fs.existsSync(statsFile)) {
    throw new Error(`${statsFile} is missing: run \`next build\` (Turbopack) first; without it the JS budget cannot be checked`);
  }
  const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8')) as RouteBundleStat[];
  if (!Array.isArray(stats) || stats.length === 0) throw new Error(`${statsFile} lists no route`);
  const gzipped = new Map<string, number>();
  const gzipSize = (file: string) => {
    let size = gzipped.get(file);
    if (size === undefined) {
      size = gzipSync(fs.readFileSync(path.join(projectDir, file)), { level: 6 }).length;
      gzipped.set(file, size);
    }
    return size;
  };
  return stats.map((stat) => ({
    route: stat.route,
    rawBytes: stat.firstLoadUncompressedJsBytes,
    gzipBytes: stat.firstLoadChunkPaths.filter((f) => f.endsWith('.js')).reduce((sum, file) => sum + gzipSize(file), 0),
    chunks: stat.firstLoadChunkPaths,
  }));
}

export interface OverBudget {
  route: string;
  kb: number;
  budgetKb: number;
}

export function routesOverBudget(routes: RouteJs[], budget: PageBudget): OverBudget[] {
  return routes
    .map((r) => ({ route: r.route, kb: r.gzipBytes / 1000, budgetKb: jsBudgetKb(budget, r.route) }))
    .filter((r) => r.kb > r.budgetKb);
}

/** One line a route: "/apps  139.9 kB of 148 kB". */
export function formatRoutes(routes: RouteJs[], budget: PageBudget): string {
  const width = Math.max(...routes.map((r) => r.route.length));
  return [...routes]
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
    .map((r) => {
      const limit = jsBudgetKb(budget, r.route);
      const kb = r.gzipBytes / 1000;
      return `  ${r.route.padEnd(width)}  ${kb.toFixed(1).padStart(6)} kB of ${limit} kB${kb > limit ? '  OVER' : ''}`;
    })
    .join('\n');
}

// `node --import ./lib/runtime/register.mjs scripts/js-budget.ts`: the check alone, after a build.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const budget = loadBudget();
  const routes = firstLoadJsFromBuild(process.cwd());
  console.log(`First-load JS per route (gzipped), budget ${path.relative(process.cwd(), BUDGET_FILE)}:\n${formatRoutes(routes, budget)}`);
  const over = routesOverBudget(routes, budget);
  if (over.length) {
    console.error(`\n${over.length} route(s) over the JS budget: ${over.map((o) => `${o.route} ${o.kb.toFixed(1)} kB > ${o.budgetKb} kB`).join('; ')}`);
    process.exit(1);
  }
}
