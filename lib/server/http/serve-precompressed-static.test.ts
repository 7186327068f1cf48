import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_HEADERS } from '@/lib/security/site-headers';
import { servePrecompressedStatic, type PrecompressedStatic } from './serve-precompressed-static';

// A build's static folder: a script, a stylesheet, a source map (not served here) and a file
// outside the folder that a crafted path would name.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'precompressed-'));
const staticDir = path.join(root, 'static');
// Real minified JavaScript (a synthetic repetitive one compresses as well at any quality).
const script = fs.readFileSync(path.join(process.cwd(), 'node_modules/react-dom/cjs/react-dom-client.production.js'), 'utf8').slice(0, 120_000);
const stylesheet = Array.from({ length: 500 }, (_, i) => `.c${i}{margin:${i}px;color:#14558f}`).join('');
fs.mkdirSync(path.join(staticDir, 'chunks'), { recursive: true });
fs.mkdirSync(path.join(staticDir, 'css'), { recursive: true });
fs.writeFileSync(path.join(staticDir, 'chunks', '0abc_def-1.js'), script);
fs.writeFileSync(path.join(staticDir, 'css', 'site.css'), stylesheet);
fs.writeFileSync(path.join(staticDir, 'chunks', '0abc_def-1.js.map'), '{}');
fs.writeFileSync(path.join(root, 'secret.js'), 'not a build file');

let server: http.Server;
let base: string;
let statics: PrecompressedStatic;
/** What reached the next handler (Next.js in the app). */
const passed: string[] = [];

beforeAll(async () => {
  const next = (req: IncomingMessage, res: ServerResponse) => {
    passed.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('from next');
  };
  statics = servePrecompressedStatic(staticDir, next);
  server = http.createServer(statics.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(root, { recursive: true, force: true });
});

function request(target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .request(`${base}${target}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject)
      .end();
  });
}

/** Asks once (which starts the compression) and waits until it is held. */
async function warm(target: string) {
  await request(target, { 'accept-encoding': 'br' });
  await statics.settled();
}

const CHUNK = '/_next/static/chunks/0abc_def-1.js';

describe('the build scripts, compressed once', () => {
  it('passes the first request on, then serves Brotli 11 with the headers Next.js sends', async () => {
    passed.length = 0;
    const first = await request(CHUNK, { 'accept-encoding': 'gzip, deflate, br' });
    expect(first.body.toString()).toBe('from next');
    expect(passed).toEqual([`GET ${CHUNK}`]);
    await statics.settled();

    const { status, headers, body } = await request(CHUNK, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(status).toBe(200);
    expect(passed).toHaveLength(1);
    expect(headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(body).toString()).toBe(script);
    expect(headers['content-length']).toBe(String(body.length));
    expect(headers['content-type']).toBe('application/javascript; charset=UTF-8');
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(headers.vary).toBe('Accept-Encoding');
    expect(headers.etag).toMatch(/^"[\w-]{27}"$/);
    for (const { key, value } of SITE_HEADERS) expect(headers[key.toLowerCase()]).toBe(value);
    // The best quality, not the quality a page is compressed at on the fly.
    const atQuality5 = zlib.brotliCompressSync(script, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
    expect(body.length).toBeLessThan(atQuality5.length);
  });

  it('serves gzip to a client that takes only gzip (or refuses Brotli), and passes on one that takes neither', async () => {
    await warm(CHUNK);
    for (const accept of ['gzip', 'br;q=0, gzip', 'deflate, gzip;q=0.5']) {
      const { headers, body } = await request(CHUNK, { 'accept-encoding': accept });
      expect(headers['content-encoding'], accept).toBe('gzip');
      expect(zlib.gunzipSync(body).toString()).toBe(script);
    }
    passed.length = 0;
    for (const accept of ['identity', 'deflate', 'br;q=0, gzip;q=0']) {
      const { body } = await request(CHUNK, { 'accept-encoding': accept });
      expect(body.toString(), accept).toBe('from next');
    }
    const none = await request(CHUNK);
    expect(none.body.toString()).toBe('from next');
    expect(passed).toHaveLength(4);
  });

  it('answers a matching If-None-Match with 304, a HEAD without a body, and gives each encoding its own ETag', async () => {
    await warm(CHUNK);
    const br = await request(CHUNK, { 'accept-encoding': 'br' });
    const gz = await request(CHUNK, { 'accept-encoding': 'gzip' });
    expect(br.headers.etag).not.toBe(gz.headers.etag);
    for (const tag of [br.headers.etag!, `W/${br.headers.etag}`, `"other", ${br.headers.etag}`, '*']) {
      const again = await request(CHUNK, { 'accept-encoding': 'br', 'if-none-match': tag });
      expect(again.status, tag).toBe(304);
      expect(again.body).toHaveLength(0);
      expect(again.headers.etag).toBe(br.headers.etag);
    }
    // Another encoding's ETag is another representation.
    expect((await request(CHUNK, { 'accept-encoding': 'br', 'if-none-match': gz.headers.etag! })).status).toBe(200);
    const head = await request(CHUNK, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(br.headers['content-length']);
    expect(head.body).toHaveLength(0);
  });

  it('serves a stylesheet as text/css', async () => {
    await warm('/_next/static/css/site.css');
    const { headers, body } = await request('/_next/static/css/site.css?v=1', { 'accept-encoding': 'br' });
    expect(headers['content-type']).toBe('text/css; charset=UTF-8');
    expect(zlib.brotliDecompressSync(body).toString()).toBe(stylesheet);
  });

  it('passes on everything else: other paths and types, crafted paths, files the build lacks, ranges, other methods', async () => {
    const targets = [
      '/_next/static/chunks/0abc_def-1.js.map',
      '/_next/static/../secret.js',
      '/_next/static/chunks/../../secret.js',
      '/_next/static/%2e%2e/secret.js',
      '/_next/static/chunks/%30abc_def-1.js',
      '/_next/static//chunks/0abc_def-1.js',
      '/_next/static/.hidden.js',
      '/_next/static/chunks/missing.js',
      '/_next/image/chunks/0abc_def-1.js',
      '/apps',
    ];
    for (const target of targets) await warm(target);
    await warm(CHUNK);
    passed.length = 0;
    for (const target of targets) {
      const { body } = await request(target, { 'accept-encoding': 'br' });
      expect(body.toString(), target).toBe('from next');
    }
    expect((await request(CHUNK, { 'accept-encoding': 'br', range: 'bytes=0-9' })).body.toString()).toBe('from next');
    const post = await request(CHUNK, { 'accept-encoding': 'br' }, 'POST');
    expect(post.body.toString()).toBe('from next');
    expect(passed).toHaveLength(targets.length + 2);
  });
});
