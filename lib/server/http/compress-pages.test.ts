import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { compressPages } from './compress-pages';

type Flushable = ServerResponse & { flush?: () => void };
const servers: http.Server[] = [];
afterEach(async () => Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r)))));

/** A page like the renderer writes one: in parts, each followed by a flush, on separate turns. */
const parts = Array.from({ length: 6 }, (_, i) => `<section id="part-${i}">${'<p class="card max-w-3xl space-y-3">Choose an app that is safe for your data.</p>'.repeat(120)}</section>`);
const page = parts.join('');

async function serve(ui: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = http.createServer(compressPages(ui));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

function get(url: string, encoding: string): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

async function writeInParts(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  for (const part of parts) {
    res.write(part);
    (res as Flushable).flush?.();
    await new Promise((r) => setTimeout(r, 0));
  }
  res.end();
}

describe('compressing pages', () => {
  it('compresses a page written in parts as one gzip stream, not one per flush', async () => {
    const url = await serve((_req, res) => void writeInParts(res));
    const { headers, body } = await get(url, 'gzip, deflate');
    expect(headers['content-encoding']).toBe('gzip');
    expect(headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.gunzipSync(body).toString()).toBe(page);
    // A full flush after each part (what Next.js's compression does) starts the dictionary over.
    const oneStream = zlib.gzipSync(page).length;
    expect(body.length).toBeLessThan(oneStream * 1.05);
    expect(fullFlushedSize()).toBeGreaterThan(oneStream * 2);
  });

  it('sends Brotli to a browser that takes it, and the bytes as they are to one that takes neither', async () => {
    const url = await serve((_req, res) => void writeInParts(res));
    const br = await get(url, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(page);
    const plain = await get(url, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(page);
  });

  it('still streams: a part written before a pause reaches the browser, readable, during the pause', async () => {
    const pause = 400;
    const url = await serve(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write(parts[0]);
      (res as Flushable).flush?.();
      await new Promise((r) => setTimeout(r, pause));
      res.end(parts[1]);
    });
    const started = performance.now();
    const { text, firstPartAt } = await new Promise<{ text: string; firstPartAt: number }>((resolve, reject) => {
      http.get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const gunzip = zlib.createGunzip();
        let text = '';
        let firstPartAt = Infinity;
        gunzip.on('data', (d: Buffer) => {
          text += d.toString();
          if (text.length >= parts[0].length && firstPartAt === Infinity) firstPartAt = performance.now() - started;
        });
        gunzip.on('end', () => resolve({ text, firstPartAt }));
        res.pipe(gunzip);
      }).on('error', reject);
    });
    expect(text).toBe(parts[0] + parts[1]);
    expect(firstPartAt).toBeLessThan(pause - 100);
  });
});

function fullFlushedSize(): number {
  // What a full flush per part costs, for comparison: each part compressed with no dictionary.
  return parts.reduce((sum, part) => sum + zlib.deflateRawSync(part).length, 0);
}
