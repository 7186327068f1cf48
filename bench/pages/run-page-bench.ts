// Page quality (issue 5): Lighthouse 12 (mobile, simulated throttling, Debian's Chromium) on
// /apps, /apps/<id> and every step of the connect flow, beside an empty Next.js App Router page
// built in the same run with the same Next.js; and each page's first-load JavaScript, gzipped,
// against the empty page's. It prints; it never fails the run. Loopback only, bounded in time.
//
// `npm run bench:pages` runs this alone; `npm run bench` runs it after the FHIR benchmark.
// BENCH_PAGES_TIMEOUT (seconds, default 360) bounds everything, a stale build of the app included;
// BENCH_PAGES_RUNS (default 3) Lighthouse runs per page, the median performance run kept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ID, walkConnectFlow, type StepName } from './connect-flow';
import { measurePage, type PageResult } from './lighthouse-run';
import { Children } from './processes';
import { buildAndStartEmptyApp, startHub } from './servers';

export const TARGETS = { performance: 98, accessibility: 100, bestPractices: 100, jsOverEmptyKb: 30 };

export interface PageBenchSummary {
  /** Every page was measured (the targets may still be missed). */
  completed: boolean;
  seconds: number;
  nextVersion?: string;
  empty?: PageResult;
  pages: PageResult[];
  /** Pages that meet every target (the empty page is not one of them). */
  met: string[];
  notMet: string[];
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

/** Why a page misses its targets, one reason a line (empty when every target is met). */
export function missedTargets(page: PageResult, empty?: PageResult): string[] {
  const reasons: string[] = [];
  if (page.error) reasons.push(`error: ${page.error}`);
  if (page.redirected) reasons.push(`Lighthouse ended on ${page.finalUrl}, not the step`);
  if (page.performance === undefined || page.performance < TARGETS.performance) reasons.push(`performance ${page.performance ?? '-'} < ${TARGETS.performance}`);
  if (page.accessibility === undefined || page.accessibility < TARGETS.accessibility) reasons.push(`accessibility ${page.accessibility ?? '-'} < ${TARGETS.accessibility}`);
  if (page.bestPractices === undefined || page.bestPractices < TARGETS.bestPractices) reasons.push(`best practices ${page.bestPractices ?? '-'} < ${TARGETS.bestPractices}`);
  if (page.jsGzipBytes === undefined || empty?.jsGzipBytes === undefined) reasons.push('first-load JS not measured');
  else if (page.jsGzipBytes - empty.jsGzipBytes > TARGETS.jsOverEmptyKb * 1000) reasons.push(`JS ${kb(page.jsGzipBytes - empty.jsGzipBytes)} kB over the empty page > ${TARGETS.jsOverEmptyKb} kB`);
  return reasons;
}

function printReport(summary: PageBenchSummary) {
  const { empty, pages } = summary;
  const rows = [
    ['page', 'URL', 'perf', 'a11y', 'best pr.', 'JS kB gz', 'Δ empty', 'in HTML', 'Δ empty', 'scripts'],
    ...[...(empty ? [empty] : []), ...pages].map((p) => {
      const delta = (a?: number, b?: number) => (a === undefined || b === undefined ? '-' : `${a - b >= 0 ? '+' : ''}${kb(a - b)}`);
      return [
        p.name,
        shortUrl(p.url),
        perf(p),
        String(p.accessibility ?? '-'),
        String(p.bestPractices ?? '-'),
        kb(p.jsGzipBytes),
        p === empty ? '' : delta(p.jsGzipBytes, empty?.jsGzipBytes),
        kb(p.htmlJsGzipBytes),
        p === empty ? '' : delta(p.htmlJsGzipBytes, empty?.htmlJsGzipBytes),
        String(p.scripts?.length ?? '-'),
      ];
    }),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log('');
  rows.forEach((row, index) => {
    console.log(`  ${row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}`);
    if (index === 0) console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  });
  console.log(`\n  perf: the median run's score [lowest-highest of the runs]. JS kB gz: every script the page loaded (Lighthouse's`);
  console.log(`  network records, type Script), each gzipped (level 6); "in HTML": only the scripts the HTML names.`);
  console.log(`  Empty page: Next.js ${summary.nextVersion ?? '?'} App Router, one h1, built and measured in this run.\n`);
  for (const page of pages) {
    const reasons = missedTargets(page, empty);
    console.log(
      `  ${page.name}: target: perf >= ${TARGETS.performance}, a11y = ${TARGETS.accessibility}, best practices = ${TARGETS.bestPractices}, JS <= empty + ${TARGETS.jsOverEmptyKb} kB: ${reasons.length ? `NOT met (${reasons.join('; ')})` : 'met'}`,
    );
  }
  // Performance audits matter only where the score misses; any accessibility or best-practices
  // audit under 1 costs points. The empty page's are shown too, as a reference.
  const shown = (p: PageResult) =>
    (p.failing ?? []).filter((a) => a.category !== 'performance' || (p.performance !== undefined && p.performance < TARGETS.performance));
  const withFailures = [...(empty ? [empty] : []), ...pages].filter((p) => shown(p).length || p.warnings?.length || p.failedRuns?.length);
  if (withFailures.length) console.log('\n  Audits that cost points (performance ones, under 0.9, only where the score misses 98):');
  for (const page of withFailures) {
    console.log(`\n  ${page.name} (${shortUrl(page.url)})`);
    if (page.performance !== undefined && page.performance < TARGETS.performance && page.metrics) {
      console.log(`    metrics: ${Object.entries(page.metrics).map(([id, value]) => `${id} ${value}`).join(', ')}`);
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
}

export async function runPageBench(): Promise<PageBenchSummary> {
  const started = Date.now();
  const budgetMs = Number(process.env.BENCH_PAGES_TIMEOUT ?? 360) * 1000;
  const runs = Math.max(1, Number(process.env.BENCH_PAGES_RUNS ?? 3));
  const resultsDir = path.join(REPO_ROOT, 'test-results', 'page-bench');
  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });
  const summary: PageBenchSummary = { completed: false, seconds: 0, pages: [], met: [], notMet: [], resultsDir };
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
  const PAGES = 3 + Object.keys(STEP_LABEL).length;
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
    console.log(`\nPage quality: Lighthouse 12 (mobile, simulated throttling) in Debian's Chromium, up to ${runs} run(s) a page, median kept.`);
    console.log(`Load average at the start ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores.`);
    console.log('Building and starting the hub (from a copy of the work tree) and an empty Next.js app…');
    const [hub, empty] = await Promise.all([startHub(children, REPO_ROOT, resultsDir, left()), buildAndStartEmptyApp(children, REPO_ROOT, resultsDir, left())]);
    summary.nextVersion = empty.nextVersion;
    console.log(`  servers up after ${((Date.now() - started) / 1000).toFixed(0)} s; measuring…`);
    summary.empty = report(await measure('empty Next.js page', `${empty.origin}/`));
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
  for (const page of summary.pages) (missedTargets(page, summary.empty).length ? summary.notMet : summary.met).push(page.name);
  summary.seconds = (Date.now() - started) / 1000;
  fs.writeFileSync(path.join(resultsDir, 'summary.json'), JSON.stringify(summary, null, 2));
  printReport(summary);
  return summary;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runPageBench().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(0);
    },
  );
}
