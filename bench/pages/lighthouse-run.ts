// One Lighthouse 12 navigation with its defaults (mobile form factor and screen, simulated
// throttling), reduced to the scores, the first-load JavaScript and the audits that did not pass.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { Children } from './processes';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The flags this machine's Chromium needs (docs/architecture.md), headless. */
export const CHROMIUM_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

export interface FailingAudit {
  category: string;
  id: string;
  title: string;
  score: number;
  displayValue?: string;
  /** A few of the audit's items (nodes, console messages, URLs), one line each. */
  details: string[];
}

export interface ScriptSize {
  url: string;
  rawBytes: number;
  gzipBytes: number;
  /** What the server sent (compressed or not), as Lighthouse saw it. */
  transferBytes: number;
  inHtml: boolean;
}

export interface PageResult {
  name: string;
  url: string;
  finalUrl?: string;
  /** Lighthouse ended on another URL than the one asked for (a redirect): the figures are not the page's. */
  redirected?: boolean;
  /** The median run's score; every run's in `performanceRuns`. */
  performance?: number;
  performanceRuns?: number[];
  /** Runs set aside because Lighthouse could not score them (with its reason). */
  failedRuns?: string[];
  lcpElement?: string;
  accessibility?: number;
  bestPractices?: number;
  metrics?: Record<string, string>;
  /** The median run's simulated metrics, in ms (compared with the empty page's of the same run). */
  fcpMs?: number;
  lcpMs?: number;
  tbtMs?: number;
  /** What the unthrottled browser saw in that run (the trace Lighthouse simulates from), in ms. */
  observed?: { fcpMs: number; lcpMs: number; domContentLoadedMs: number; loadMs: number };
  scripts?: ScriptSize[];
  /** Sum of gzip -6 of every script the page loaded (Lighthouse's network records, type Script). */
  jsGzipBytes?: number;
  /** The same sum for the scripts the HTML itself names (no later lazy loads or prefetches). */
  htmlJsGzipBytes?: number;
  jsTransferBytes?: number;
  failing?: FailingAudit[];
  warnings?: string[];
  report?: string;
  /** The median run's trace, kept when BENCH_PAGES_TRACE=1 (open it in Chrome DevTools' Performance panel). */
  trace?: string;
  seconds?: number;
  error?: string;
}

/**
 * Runs `fn` with a Chromium of its own, as the Lighthouse CLI does for every run: each run is a
 * first visit (no HTTP cache, no favicon seen yet). Always ends that Chromium.
 */
export async function withChrome<T>(children: Children, fn: (port: number) => Promise<T>): Promise<T> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS, logLevel: 'silent', handleSIGINT: false });
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    chrome.kill();
  };
  children.onCleanup(kill);
  try {
    return await fn(chrome.port);
  } finally {
    kill();
  }
}

const rawScripts = new Map<string, Promise<Buffer>>();
/** A script's bytes, once per URL (chunk names are content hashes, so the cache is exact). */
function scriptBytes(url: string): Promise<Buffer> {
  if (!rawScripts.has(url)) {
    rawScripts.set(
      url,
      fetch(url, { signal: AbortSignal.timeout(15_000) }).then(async (response) => {
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        return Buffer.from(await response.arrayBuffer());
      }),
    );
  }
  return rawScripts.get(url)!;
}

/** The module scripts the HTML names (`<script src>` without nomodule, `<link rel=preload as=script>`). */
async function scriptsInHtml(url: string, headers: Record<string, string>): Promise<Set<string>> {
  const response = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
  const html = await response.text();
  const found = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = /\bsrc="([^"]+)"/i.exec(tag)?.[1];
    if (src && !/\bnomodule\b/i.test(tag)) found.add(new URL(src.replace(/&amp;/g, '&'), url).href);
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const href = /\bhref="([^"]+)"/i.exec(tag)?.[1];
    if (href && /\bas="script"/i.test(tag) && /\brel="(modulepreload|preload)"/i.test(tag)) found.add(new URL(href.replace(/&amp;/g, '&'), url).href);
  }
  return found;
}

const score = (lhr: Lhr, id: string) => {
  const value = lhr.categories[id]?.score;
  return typeof value === 'number' ? Math.round(value * 100) : undefined;
};

const oneLine = (text: string, max = 220) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** One line for an item of an audit's details (a node, a console message, a resource…). */
function describeItem(item: Record<string, any>): string {
  const parts: string[] = [];
  const node = item.node;
  if (node?.snippet) parts.push(node.snippet);
  if (node?.explanation) parts.push(node.explanation);
  for (const key of ['description', 'issueType', 'source', 'directive', 'label', 'reason']) {
    if (typeof item[key] === 'string' && item[key]) parts.push(`${key === 'description' ? '' : `${key}: `}${item[key]}`);
  }
  const url = item.url ?? item.sourceLocation?.url ?? item.source?.url;
  if (typeof url === 'string' && url) parts.push(url);
  for (const key of ['wastedBytes', 'totalBytes', 'wastedMs', 'transferSize', 'blockingTime', 'duration']) {
    if (typeof item[key] === 'number') parts.push(`${key} ${Math.round(item[key])}`);
  }
  if (Array.isArray(item.subItems?.items)) {
    for (const sub of item.subItems.items.slice(0, 3)) parts.push(`[${describeItem(sub)}]`);
  }
  if (!parts.length) parts.push(JSON.stringify(item));
  return oneLine(parts.join(' | '));
}

function detailItems(audit: Lhr['audits'][string]): string[] {
  const details = audit.details as Record<string, any> | undefined;
  if (!details) return [];
  const items: Record<string, any>[] = Array.isArray(details.items) ? details.items : [];
  const lines = items.slice(0, 6).map(describeItem);
  if (items.length > 6) lines.push(`… and ${items.length - 6} more`);
  return lines;
}

/**
 * The audits that hold a category below its target: in accessibility and best practices any
 * scored audit under 1; in performance the metrics under 0.9 and any scored diagnostic or insight
 * under 0.9 (with its estimated savings).
 */
function failingAudits(lhr: Lhr): FailingAudit[] {
  const failing: FailingAudit[] = [];
  for (const category of CATEGORIES) {
    const refs = lhr.categories[category]?.auditRefs ?? [];
    for (const ref of refs) {
      const audit = lhr.audits[ref.id];
      if (!audit || typeof audit.score !== 'number') continue;
      if (['informative', 'notApplicable', 'manual', 'error'].includes(audit.scoreDisplayMode)) continue;
      const bar = category === 'performance' ? 0.9 : 1;
      if (audit.score >= bar) continue;
      if (category === 'performance' && ref.group === 'hidden') continue;
      failing.push({ category, id: audit.id, title: audit.title, score: audit.score, displayValue: audit.displayValue, details: detailItems(audit) });
    }
  }
  return failing;
}

const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'interactive'];

/**
 * `simulate` (Lighthouse's default: an unthrottled load, then lantern estimates the slow-4G,
 * 4x-CPU timings from its trace) or `devtools` (the same throttling applied to the real load in
 * the browser, so the metrics are what the browser saw): BENCH_PAGES_THROTTLING.
 */
export const THROTTLING: 'simulate' | 'devtools' = process.env.BENCH_PAGES_THROTTLING === 'devtools' ? 'devtools' : 'simulate';

/**
 * Runs Lighthouse `runs` times on `url`, each in a fresh Chromium, and keeps the run with the median
 * performance score (Lighthouse's advice for a noisy machine). `cookie` is sent as a header with
 * every request (how Lighthouse documents authenticated pages). Never throws: errors land in `error`.
 */
export async function measurePage(children: Children, name: string, url: string, reportDir: string, options: { cookie?: string; runs?: number } = {}): Promise<PageResult> {
  const started = Date.now();
  const result: PageResult = { name, url };
  const headers: Record<string, string> = options.cookie ? { Cookie: options.cookie } : {};
  try {
    // A first render warms the server's module cache, as any visit before the measured one would.
    await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) }).then((r) => r.arrayBuffer());
    const lhrs: Lhr[] = [];
    const traces = new Map<Lhr, unknown>();
    const keepTraces = process.env.BENCH_PAGES_TRACE === '1';
    const failedRuns: string[] = [];
    const wanted = Math.max(1, options.runs ?? 1);
    // Up to two more tries for runs Lighthouse could not score (now and then NO_NAVSTART on a busy machine).
    for (let i = 0; i < wanted + 2 && lhrs.length < wanted; i++) {
      const run = await withChrome(children, (port) =>
        lighthouse(url, {
          port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...CATEGORIES],
          maxWaitForLoad: 45_000,
          throttlingMethod: THROTTLING,
          ...(options.cookie ? { extraHeaders: headers } : {}),
        }),
      );
      const lhr = run?.lhr;
      // A run that could not score performance (no paint seen, a timeout…) is set aside, not counted as 0.
      if (lhr && !lhr.runtimeError && score(lhr, 'performance') !== undefined) {
        lhrs.push(lhr);
        // The trace and the DevTools log: what Lighthouse simulates from (lantern), to replay offline.
        if (keepTraces) {
          const { Trace, DevtoolsLog } = run.artifacts as { Trace?: unknown; DevtoolsLog?: unknown };
          traces.set(lhr, { traceEvents: (Trace as { traceEvents?: unknown })?.traceEvents, devtoolsLog: DevtoolsLog });
        }
        continue;
      }
      const why = lhr?.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : lhr ? 'no performance score' : 'no result';
      failedRuns.push(oneLine(`run ${i + 1}: ${why}`));
      if (lhr) fs.writeFileSync(path.join(reportDir, `${name.replace(/[^\w-]+/g, '_')}.failed-run-${i + 1}.report.json`), JSON.stringify(lhr));
    }
    result.failedRuns = failedRuns;
    if (!lhrs.length) throw new Error(`every Lighthouse run failed (${failedRuns.join('; ')})`);
    result.performanceRuns = lhrs.map((l) => score(l, 'performance')!);
    const lhr = [...lhrs].sort((a, b) => score(a, 'performance')! - score(b, 'performance')!)[Math.floor((lhrs.length - 1) / 2)];
    const file = path.join(reportDir, `${name.replace(/[^\w-]+/g, '_')}.report.json`);
    fs.writeFileSync(file, JSON.stringify(lhr));
    result.report = file;
    result.finalUrl = lhr.finalDisplayedUrl;
    result.redirected = lhrs.some((l) => new URL(l.mainDocumentUrl ?? l.finalDisplayedUrl).pathname !== new URL(url).pathname);
    result.warnings = lhr.runWarnings.map((w) => oneLine(String(w)));
    result.performance = score(lhr, 'performance');
    result.accessibility = score(lhr, 'accessibility');
    result.bestPractices = score(lhr, 'best-practices');
    if (traces.get(lhr)) {
      result.trace = file.replace(/\.report\.json$/, '.trace.json');
      fs.writeFileSync(result.trace, JSON.stringify(traces.get(lhr)));
    }
    const numeric = (id: string) => (typeof lhr.audits[id]?.numericValue === 'number' ? Math.round(lhr.audits[id].numericValue!) : undefined);
    result.fcpMs = numeric('first-contentful-paint');
    result.lcpMs = numeric('largest-contentful-paint');
    result.tbtMs = numeric('total-blocking-time');
    const seen = (lhr.audits.metrics?.details as { items?: Record<string, number>[] } | undefined)?.items?.[0];
    if (seen) {
      result.observed = {
        fcpMs: Math.round(seen.observedFirstContentfulPaint),
        lcpMs: Math.round(seen.observedLargestContentfulPaint),
        domContentLoadedMs: Math.round(seen.observedDomContentLoaded),
        loadMs: Math.round(seen.observedLoad),
      };
    }
    result.metrics = Object.fromEntries(METRICS.filter((id) => lhr.audits[id]).map((id) => [id, `${lhr.audits[id].displayValue ?? ''} (score ${lhr.audits[id].score})`]));
    const lcpElement = (lhr.audits['largest-contentful-paint-element']?.details as any)?.items?.[0]?.items?.[0]?.node;
    if (lcpElement) result.lcpElement = oneLine(`${lcpElement.snippet} "${lcpElement.nodeLabel ?? ''}"`, 140);
    result.failing = failingAudits(lhr);

    const records = ((lhr.audits['network-requests']?.details as any)?.items ?? []) as Array<{ url: string; resourceType?: string; transferSize?: number; statusCode?: number }>;
    const scripts = new Map<string, number>();
    for (const record of records) {
      if (record.resourceType !== 'Script' || record.statusCode !== 200 || !record.url.startsWith('http')) continue;
      scripts.set(record.url, (scripts.get(record.url) ?? 0) + (record.transferSize ?? 0));
    }
    const inHtml = await scriptsInHtml(url, headers);
    result.scripts = await Promise.all(
      [...scripts].map(async ([scriptUrl, transferBytes]) => {
        const bytes = await scriptBytes(scriptUrl);
        return { url: scriptUrl, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 6 }).length, transferBytes, inHtml: inHtml.has(scriptUrl) };
      }),
    );
    result.jsGzipBytes = result.scripts.reduce((sum, s) => sum + s.gzipBytes, 0);
    result.jsTransferBytes = result.scripts.reduce((sum, s) => sum + s.transferBytes, 0);
    let htmlSum = 0;
    for (const scriptUrl of inHtml) htmlSum += gzipSync(await scriptBytes(scriptUrl), { level: 6 }).length;
    result.htmlJsGzipBytes = htmlSum;
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}
