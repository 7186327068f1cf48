import { expect, test } from '@playwright/test';
import { firstLoadJsFromBuild, formatRoutes, loadBudget, routesOverBudget } from '../scripts/js-budget';

// Runs after the web server of this suite has built the app (scripts/start.ts builds when the
// sources changed), so .next is this tree's build: a dependency that makes a route's first-load
// JavaScript go over bench/pages/budget.json fails `npm test`.
test('every route of the build stays within its first-load JavaScript budget', async () => {
  const budget = loadBudget();
  const routes = firstLoadJsFromBuild(process.cwd());
  for (const route of ['/apps', '/apps/[id]', '/connect/[flowId]/identity', '/account']) {
    expect(routes.map((r) => r.route), `the build lists ${route}`).toContain(route);
  }
  test.info().annotations.push({ type: 'first-load JS', description: `\n${formatRoutes(routes, budget)}` });
  expect(routesOverBudget(routes, budget), formatRoutes(routes, budget)).toEqual([]);
});
