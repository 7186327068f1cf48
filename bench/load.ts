import http from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  /** Every answer's latency in ms, sorted. */
  latencies: number[];
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** A load's result from its answers' latencies (sorted here), its errors and how long it ran. */
export function loadResult(latencies: number[], errors: number, seconds: number): LoadResult {
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds, throughput: latencies.length / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), latencies };
}

/**
 * One GET on `agent`: its latency in ms when it was answered 200 (null for any other status or a
 * failed request), and the first `headBytes` of the body as latin1; the rest is read and dropped,
 * so a client costs the same whatever server it measures.
 */
export function timedGet(agent: http.Agent, url: string | URL, headers: Record<string, string>, headBytes = 0): Promise<{ ms: number | null; head: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.get(url, { agent, headers }, (res) => {
      const head: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept >= headBytes) return;
        const piece = chunk.subarray(0, headBytes - kept);
        head.push(Buffer.from(piece));
        kept += piece.length;
      });
      res.on('end', () => resolve({ ms: res.statusCode === 200 ? performance.now() - t0 : null, head: Buffer.concat(head).toString('latin1') }));
    });
    req.on('error', () => resolve({ ms: null, head: '' }));
  });
}

/** Keep-alive HTTP GETs from `concurrency` loops for `seconds` (bounded), loopback only. */
export async function runLoad(url: string, headers: Record<string, string>, { concurrency, seconds, maxRequests = 200_000 }: { concurrency: number; seconds: number; maxRequests?: number }): Promise<LoadResult> {
  const target = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error('Load tests target loopback only');
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const one = async () => {
    const { ms } = await timedGet(agent, target, headers);
    if (ms === null) errors++;
    else latencies.push(ms);
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline && latencies.length + errors < maxRequests) await one();
    }),
  );
  agent.destroy();
  return loadResult(latencies, errors, (performance.now() - started) / 1000);
}
