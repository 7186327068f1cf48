// Replays Lighthouse's simulated LCP (lantern) from a trace kept by `BENCH_PAGES_TRACE=1 npm run
// bench:pages` and prints the nodes on its path: which requests and main-thread tasks the
// simulated LCP waits for, with their simulated start and end (ms). What showed the render delay
// of issue 16 (bench/pages/README.md).
//   node bench/pages/replay-lcp.mjs test-results/page-bench/connect_identity.trace.json
import fs from 'node:fs';
import { LanternLargestContentfulPaint } from 'lighthouse/core/computed/metrics/lantern-largest-contentful-paint.js';
import { defaultSettings } from 'lighthouse/core/config/constants.js';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/pages/replay-lcp.mjs <page>.trace.json');
  process.exit(2);
}
const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
const documentUrl = saved.devtoolsLog.find((e) => e.method === 'Network.requestWillBeSent' && e.params.type === 'Document')?.params.request.url;
const result = await LanternLargestContentfulPaint.request(
  {
    trace: { traceEvents: saved.traceEvents },
    devtoolsLog: saved.devtoolsLog,
    gatherContext: { gatherMode: 'navigation' },
    settings: defaultSettings,
    URL: { requestedUrl: documentUrl, mainDocumentUrl: documentUrl, finalDisplayedUrl: documentUrl },
    SourceMaps: [],
    simulator: null,
  },
  { computedCache: new Map() },
);
const SHOWN = ['EvaluateScript', 'ParseHTML', 'Layout', 'UpdateLayoutTree', 'Paint', 'FunctionCall', 'ParseAuthorStyleSheet'];
console.log(`${documentUrl}: simulated LCP ${Math.round(result.timing)} ms (optimistic ${Math.round(result.optimisticEstimate.timeInMs)}, pessimistic ${Math.round(result.pessimisticEstimate.timeInMs)})`);
for (const which of ['optimistic', 'pessimistic']) {
  console.log(`\n${which} graph (simulated ms, then what the node is):`);
  const rows = [...result[`${which}Estimate`].nodeTimings.entries()].sort((a, b) => a[1].startTime - b[1].startTime);
  for (const [node, t] of rows) {
    const what =
      node.type === 'network'
        ? `${node.request.resourceType} ${node.request.url}`
        : `main thread, ${Math.round(node.duration / 1000)} ms observed: ${[...new Set(node.childEvents.filter((e) => SHOWN.includes(e.name)).map((e) => (e.args?.data?.url ? `${e.name} ${e.args.data.url.split('/').pop()}` : e.name)))].join(', ')}`;
    console.log(`  ${String(Math.round(t.startTime)).padStart(5)}-${String(Math.round(t.endTime)).padEnd(5)} ${what}`);
  }
}
