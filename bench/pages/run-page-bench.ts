// Page quality (issues 5 and 16): Lighthouse 12 (mobile, simulated throttling, Debian's Chromium) on
// /apps, /apps/<id> and every step of the connect flow, beside an empty Next.js App Router page
// built in the same run with the same Next.js; and each page's first-load JavaScript, gzipped.
// The budgets are bench/pages/budget.json: the run exits 1 when a page goes over one (first-load
// JS, accessibility, best practices; the targets relative to the empty page only when that file
// enforces them) or when not every page could be measured. Loopback only, bounded in time.
//
// `npm run bench:pages` runs this alone; `npm run bench` runs it after the FHIR benchmark.
// BENCH_PAGES_TIMEOUT (seconds, default 480) bounds everything, a stale build of the app included;
// BENCH_PAGES_RUNS (default 3) Lighthouse runs per page, the median performance run kept;
// BENCH_PAGES_TRACE=1 keeps each median run's trace beside its report.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsBudgetKb, loadBudget, type PageBudget } from '../../scripts/js-budget';
import { APP_ID, walkConnectFlow, type StepName } from './connect-flow';
import { THROTTLING, measurePage, type PageResult } from './lighthouse-run';
import { Children } from './processes';
import { EMPTY_WITH_SITE_HEADERS_PATH, buildAndStartEmptyApp, startHub } from './servers';


export interface PageBenchSummary {
  /** Every page was measured (the targets may still be missed). */
  completed: boolean;
  seconds: number;
  nextVersion?: string;
  empty?: PageResult;
  /** The empty page again, answered with the hub's security headers: a reference, no target. */
  emptyWithSiteHeaders?: PageResult;
  pages: PageResult[];
  budget: PageBudget;
  /** Pages within every budget and target (the empty page is not one of them). */
  met: string[];
  notMet: string[];
  /** Pages over a budget that fails the run (JS, accessibility, best practices; relative targets when enforced). */
  overBudget: string[];
  error?: string;
  resultsDir: string;
}

const REPO_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const kb = (bytes?: number) => (bytes === undefined ? '-' : (bytes / 1000).toFixed(1));
/** "98" for one run, "98 [97-99]" for several. */
const perf = (p: PageResult) => {
  if (p.performance === undefined) return '-';
  const all = p.performanceRuns ?? [];
  return all.length > 1 ? `${p.performance} [${Math.min(...all)}-${Math.max(...all)}]` : String(p.performance);
};
const STEP_LABEL: Record<StepName, string> = {
  privacy: 'connect: privacy',
  terms: 'connect: terms',
  identity: 'connect: identity',
  code: 'connect: code',
  'code-sent': 'connect: code (sent)',
  approve: 'connect: approve',
  done: 'connect: done',
};

function shortUrl(url: string) {
  const u = new URL(url);
  return u.pathname.replace(/\/connect\/[\w-]+\//, '/connect/<flow>/');
}

export interface Miss {
  reason: string;
  /** Over a budget of budget.json that fails the run (not an advisory target). */
  fails: boolean;
}

/** Why a page misses its budgets and targets, one reason each (empty when all are met). */
export function missedTargets(page: PageResult, empty: PageResult | undefined, budget: PageBudget): Miss[] {
  const misses: Miss[] = [];
  const fail = (reason: string) => misses.push({ reason, fails: true });
  const relative = budget.relativeToEmptyPage;
  const target = (reason: string) => misses.push({ reason, fails: relative.enforce });
  if (page.error) fail(`error: ${page.error}`);
  if (page.redirected) fail(`Lighthouse ended on ${page.finalUrl}, not the step`);
  if (page.accessibility === undefined || page.accessibility < budget.lighthouse.accessibility) fail(`accessibility ${page.accessibility ?? '-'} < ${budget.lighthouse.accessibility}`);
  if (page.bestPractices === undefined || page.bestPractices < budget.lighthouse.bestPractices) fail(`best practices ${page.bestPractices ?? '-'} < ${budget.lighthouse.bestPractices}`);
  const jsBudget = jsBudgetKb(budget, new URL(page.url).pathname);
  if (page.jsGzipBytes === undefined) fail('first-load JS not measured');
  else if (page.jsGzipBytes / 1000 > jsBudget) fail(`first-load JS ${kb(page.jsGzipBytes)} kB > ${jsBudget} kB`);
  if (empty?.performance === undefined || page.performance === undefined) target('performance not measured (or the empty page not)');
  else if (page.performance < empty.performance - relative.performanceMaxPointsBelow) target(`performance ${page.performance} < empty page's ${empty.performance} - ${relative.performanceMaxPointsBelow}`);
  if (empty?.lcpMs && page.lcpMs !== undefined && page.lcpMs > empty.lcpMs * relative.lcpMaxRatio) target(`LCP ${(page.lcpMs / empty.lcpMs).toFixed(2)}x the empty page's > ${relative.lcpMaxRatio}x`);
  // TBT: a page of 0 ms beside an empty page of 0 ms is fine; 50 ms of slack keeps 10 ms vs 0 ms from failing.
  if (empty?.tbtMs !== undefined && page.tbtMs !== undefined && page.tbtMs > Math.max(empty.tbtMs * relative.tbtMaxRatio, 50)) target(`TBT ${page.tbtMs} ms > ${relative.tbtMaxRatio}x the empty page's ${empty.tbtMs} ms`);
  return misses;
}

/**
 * The empty page with the security headers the measured pages carry beside the plain one: what
 * the headers cost the browser, apart from what the pages' own content costs. No target. (Until
 * 2026-12-06 they included Cross-Origin-Opener-Policy, which puts a page in a browsing context group
 * of its own, a second document commit on a first visit; it is now sent on /account, /staff,
 * /developers and /dev only, none of them measured here.)
 */
function printHeadersReference({ empty, emptyWithSiteHeaders: reference, pages }: PageBenchSummary) {
  if (!reference?.lcpMs || !empty?.lcpMs) return;
  const lcps = pages.flatMap((p) => (p.lcpMs === undefined ? [] : [p.lcpMs / reference.lcpMs!]));
  const range = lcps.length ? `${Math.min(...lcps).toFixed(2)}-${Math.max(...lcps).toFixed(2)}x` : '-';
  console.log(
    `\n  Reference, no target: the empty page answered with the hub's security headers (lib/security/site-headers.ts) ` +
      `scored ${reference.performance ?? '-'} with LCP ${(reference.lcpMs / 1000).toFixed(2)} s (${(reference.lcpMs / empty.lcpMs).toFixed(2)}x the plain empty page's) ` +
      `and TBT ${reference.tbtMs ?? '-'} ms; the pages' LCP against it: ${range}.`,
  );
}

function printReport(summary: PageBenchSummary) {
  const { empty, pages, budget } = summary;
  const relative = budget.relativeToEmptyPage;
  const ratio = (a?: number, b?: number) => (a === undefined || !b ? '-' : `${(a / b).toFixed(2)}x`);
  const rows = [
    ['page', 'URL', 'perf', 'Δ empty', 'LCP s', '× empty', 'TBT ms', '× empty', 'a11y', 'best pr.', 'JS kB gz', 'budget', 'Δ empty'],
    ...[...(empty ? [empty] : []), ...pages].map((p) => {
      const delta = (a?: number, b?: number) => (a === undefined || b === undefined ? '-' : `${a - b >= 0 ? '+' : ''}${kb(a - b)}`);
      const isEmpty = p === empty;
      return [
        p.name,
        shortUrl(p.url),
        perf(p),
        isEmpty || p.performance === undefined || empty?.performance === undefined ? '' : `${p.performance - empty.performance >= 0 ? '+' : ''}${p.performance - empty.performance}`,
        p.lcpMs === undefined ? '-' : (p.lcpMs / 1000).toFixed(2),
        isEmpty ? '' : ratio(p.lcpMs, empty?.lcpMs),
        String(p.tbtMs ?? '-'),
        isEmpty ? '' : ratio(p.tbtMs, empty?.tbtMs),
        String(p.accessibility ?? '-'),
        String(p.bestPractices ?? '-'),
        kb(p.jsGzipBytes),
        isEmpty ? '' : String(jsBudgetKb(budget, new URL(p.url).pathname)),
        isEmpty ? '' : delta(p.jsGzipBytes, empty?.jsGzipBytes),
      ];
    }),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log('');
  rows.forEach((row, index) => {
    console.log(`  ${row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}`);
    if (index === 0) console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  });
  console.log(`\n  perf: the median run's score [lowest-highest of the runs]; LCP and TBT are that run's (${THROTTLING === 'devtools' ? 'applied throttling' : 'simulated'}). JS kB gz: every`);
  console.log(`  script the page loaded (Lighthouse's network records, type Script), each gzipped (level 6); budget: bench/pages/budget.json.`);
  console.log(`  Empty page: Next.js ${summary.nextVersion ?? '?'} App Router, one h1, built and measured in this run.`);
  console.log(
    `  Budgets (fail the run): a11y >= ${budget.lighthouse.accessibility}, best practices >= ${budget.lighthouse.bestPractices}, first-load JS <= the page's budget. ` +
      `Targets against the empty page (${relative.enforce ? 'fail the run' : 'reported, not enforced'}): perf >= empty - ${relative.performanceMaxPointsBelow}, LCP <= ${relative.lcpMaxRatio}x, TBT <= ${relative.tbtMaxRatio}x.\n`,
  );
  for (const page of pages) {
    const misses = missedTargets(page, empty, budget);
    const text = misses.map((m) => `${m.fails ? 'OVER BUDGET: ' : ''}${m.reason}`).join('; ');
    console.log(`  ${page.name}: ${misses.length ? `NOT met (${text})` : 'every budget and target met'}`);
  }
  printHeadersReference(summary);
  // Performance audits matter only where the page misses the empty page's score; any accessibility or
  // best-practices audit under 1 costs points. The empty page's are shown too, as a reference.
  const perfMissed = (p: PageResult) =>
    p.performance !== undefined && empty?.performance !== undefined && p.performance < empty.performance - relative.performanceMaxPointsBelow;
  const shown = (p: PageResult) => (p.failing ?? []).filter((a) => a.category !== 'performance' || perfMissed(p));
  const withFailures = [...(empty ? [empty] : []), ...pages].filter((p) => shown(p).length || p.warnings?.length || p.failedRuns?.length);
  if (withFailures.length) console.log('\n  Audits that cost points (performance ones, under 0.9, only where the score misses the empty page\'s):');
  for (const page of withFailures) {
    console.log(`\n  ${page.name} (${shortUrl(page.url)})`);
    if (perfMissed(page) && page.metrics) {
      console.log(`    metrics: ${Object.entries(page.metrics).map(([id, value]) => `${id} ${value}`).join(', ')}`);
      if (page.observed) console.log(`    observed (unthrottled): FCP ${page.observed.fcpMs} ms, LCP ${page.observed.lcpMs} ms, DOMContentLoaded ${page.observed.domContentLoadedMs} ms, load ${page.observed.loadMs} ms`);
      if (page.lcpElement) console.log(`    LCP element: ${page.lcpElement}`);
    }
    for (const warning of page.warnings ?? []) console.log(`    run warning: ${warning}`);
    for (const failed of page.failedRuns ?? []) console.log(`    set aside: ${failed}`);
    for (const audit of shown(page)) {
      console.log(`    [${audit.category}] ${audit.id} (score ${audit.score}${audit.displayValue ? `, ${audit.displayValue}` : ''}): ${audit.title}`);
      for (const line of audit.details) console.log(`        ${line}`);
    }
  }
  console.log(`\n  Lighthouse reports (JSON) and server logs: ${path.relative(process.cwd(), summary.resultsDir) || '.'}`);
  if (summary.error) console.log(`  The page benchmark stopped early: ${summary.error}`);
  console.log(`  Page benchmark time: ${summary.seconds.toFixed(0)} s; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores (other work on the machine lowers performance scores)`);
  if (summary.overBudget.length) console.log(`\n  OVER BUDGET (the run fails): ${summary.overBudget.join(', ')}`);
  else if (!summary.completed) console.log('\n  Not every page was measured: the run fails.');
  else console.log('\n  Every page within its budgets.');
}

/** Every page measured and none over a budget that fails the run. */
export const pageBenchPassed = (summary: PageBenchSummary) => summary.completed && summary.overBudget.length === 0;

export async function runPageBench(): Promise<PageBenchSummary> {
  const started = Date.now();
  const budgetMs = Number(process.env.BENCH_PAGES_TIMEOUT ?? 480) * 1000;
  const runs = Math.max(1, Number(process.env.BENCH_PAGES_RUNS ?? 3));
  const resultsDir = path.join(REPO_ROOT, 'test-results', 'page-bench');
  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });
  const budget = loadBudget();
  const summary: PageBenchSummary = { completed: false, seconds: 0, budget, pages: [], met: [], notMet: [], overBudget: [], resultsDir };
  const children = new Children();
  const onSignal = (signal: NodeJS.Signals) => {
    void children.stopAll(1_000).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const left = () => Math.max(5_000, budgetMs - (Date.now() - started));
  const report = (p: PageResult) => {
    const js = p.jsGzipBytes === undefined ? '' : `, JS ${kb(p.jsGzipBytes)} kB gz`;
    console.log(`  ${p.name.padEnd(22)} perf ${perf(p)}, a11y ${p.accessibility ?? '-'}, best practices ${p.bestPractices ?? '-'}${js} (${p.seconds?.toFixed(0)} s)${p.error ? ` error: ${p.error}` : ''}${p.redirected ? ` redirected to ${p.finalUrl}` : ''}`);
    return p;
  };

  // Fewer runs a page rather than an unfinished table when the machine is slow (busy).
  const PAGES = 4 + Object.keys(STEP_LABEL).length;
  let measured = 0;
  let secondsPerRun = 8;
  const measure = async (name: string, url: string, cookie?: string) => {
    const room = (budgetMs - (Date.now() - started)) / 1000 - 30;
    const fit = Math.floor(room / (Math.max(1, PAGES - measured) * secondsPerRun));
    const page = await measurePage(children, name, url, resultsDir, { cookie, runs: Math.max(1, Math.min(runs, fit)) });
    const done = (page.performanceRuns?.length ?? 0) + (page.failedRuns?.length ?? 0);
    if (done && page.seconds) secondsPerRun = page.seconds / done;
    measured++;
    return page;
  };

  const work = async () => {
    console.log(`\nPage quality: Lighthouse 12 (mobile, ${THROTTLING === 'devtools' ? 'throttling applied in the browser (BENCH_PAGES_THROTTLING=devtools)' : 'simulated throttling'}) in Debian's Chromium, up to ${runs} run(s) a page, median kept.`);
    console.log(`Load average at the start ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores.`);
    console.log('Building and starting the hub (from a copy of the work tree) and an empty Next.js app…');
    const [hub, empty] = await Promise.all([startHub(children, REPO_ROOT, resultsDir, left()), buildAndStartEmptyApp(children, REPO_ROOT, resultsDir, left())]);
    summary.nextVersion = empty.nextVersion;
    console.log(`  servers up after ${((Date.now() - started) / 1000).toFixed(0)} s; measuring…`);
    summary.empty = report(await measure('empty Next.js page', `${empty.origin}/`));
    summary.emptyWithSiteHeaders = report(await measure('empty page, hub headers', `${empty.origin}${EMPTY_WITH_SITE_HEADERS_PATH}`));
    const keep = (page: PageResult) => summary.pages.push(report(page));
    keep(await measure('app gallery', `${hub.origin}/apps`));
    keep(await measure('app page', `${hub.origin}/apps/${APP_ID}`));
    await walkConnectFlow(children, REPO_ROOT, hub.origin, hub.dataDir!, async (step, url, cookie) => {
      keep(await measure(STEP_LABEL[step], url, cookie));
    });
    summary.completed = true;
  };

  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the ${budgetMs / 1000} s budget ran out (BENCH_PAGES_TIMEOUT)`)), budgetMs);
      }),
    ]);
  } catch (error) {
    summary.error = error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
    await children.stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  for (const page of summary.pages) {
    const misses = missedTargets(page, summary.empty, budget);
    (misses.length ? summary.notMet : summary.met).push(page.name);
    if (misses.some((m) => m.fails)) summary.overBudget.push(page.name);
  }
  summary.seconds = (Date.now() - started) / 1000;
  fs.writeFileSync(path.join(resultsDir, 'summary.json'), JSON.stringify(summary, null, 2));
  printReport(summary);
  return summary;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runPageBench().then(
    (summary) => process.exit(pageBenchPassed(summary) ? 0 : 1),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
