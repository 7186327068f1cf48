import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FORM_BODY_LIMIT_BYTES } from '@/lib/security/form-body-limit';
import { guardPagePosts } from './guard-page-posts';

// Form posts Next.js answered with a bare 500 (and a stack trace in the log): another site's
// Origin, a multipart body without its boundary or cut short, a body over the limit. The guard
// answers each with its own page and status; a good post reaches the app with its whole body.

let server: http.Server;
let port: number;
/** What the app behind the guard read of each request it was handed. */
let reached: { method?: string; url?: string; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer(
    guardPagePosts(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      reached.push({ method: req.method, url: req.url, body: Buffer.concat(chunks).toString('utf8') });
      res.end('app');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  reached = [];
});

interface Sent {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  /** The body, sent with a Content-Length unless `chunked`. */
  body?: string | Buffer;
  chunked?: boolean;
}

function send({ method = 'POST', path = '/help', headers = {}, body, chunked = false }: Sent): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
    const req = http.request(
      { host: '127.0.0.1', port, method, path, headers: { host: `localhost:${port}`, ...(bytes && !chunked ? { 'content-length': String(bytes.length) } : {}), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (bytes && chunked) {
      // In pieces, with no length up front.
      for (let at = 0; at < bytes.length; at += 16 * 1024) req.write(bytes.subarray(at, at + 16 * 1024));
    } else if (bytes) req.write(bytes);
    req.end();
  });
}

const own = () => ({ origin: `http://localhost:${port}` });
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const urlencoded = { 'content-type': 'application/x-www-form-urlencoded' };

function multipart(boundary: string, fields: Record<string, string>, { cut = false } = {}): string {
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return parts.join('') + (cut ? '' : `--${boundary}--\r\n`);
}

describe('form posts the guard refuses, each with its own page', () => {
  it('refuses a post from another site with 403, in the browser’s language, and never hands it on', async () => {
    for (const origin of ['https://evil.example', 'null', 'not a url', `http://localhost:${port + 1}`]) {
      const answer = await send({ headers: { ...urlencoded, origin }, body: form({ locale: 'es' }) });
      expect(answer.status, origin).toBe(403);
      expect(answer.text).toContain('This form came from another website');
    }
    const spanish = await send({ headers: { ...urlencoded, origin: 'https://evil.example', 'accept-language': 'es-US,es;q=0.9' }, body: 'a=1' });
    expect(spanish.text).toContain('Este formulario vino de otro sitio web');
    expect(spanish.headers['content-language']).toBe('es');
    expect(reached).toEqual([]);
  });

  it('answers with the site’s protections: no script, no framing, no sniffing, not stored', async () => {
    const answer = await send({ headers: { ...urlencoded, origin: 'https://evil.example' }, body: 'a=1' });
    expect(answer.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'cache-control': 'no-store',
    });
    expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
    expect(answer.text).not.toMatch(/<script/i);
  });

  it('refuses a multipart body without its boundary, or cut short, with 400', async () => {
    const noBoundary = await send({ headers: { ...own(), 'content-type': 'multipart/form-data' }, body: 'x' });
    expect(noBoundary.status).toBe(400);
    expect(noBoundary.text).toContain('We could not read what was sent');
    const cut = await send({ headers: { ...own(), 'content-type': 'multipart/form-data; boundary=zzz' }, body: multipart('zzz', { who: 'member' }, { cut: true }) });
    expect(cut.status).toBe(400);
    const garbage = await send({ headers: { ...own(), 'content-type': 'multipart/form-data; boundary=zzz' }, body: '\u0000\u0001 not a form at all' });
    expect(garbage.status).toBe(400);
    expect(reached).toEqual([]);
  });

  it('refuses a body over the form limit with 413, sent with a length or in pieces', async () => {
    const long = `note=${'x'.repeat(FORM_BODY_LIMIT_BYTES)}`;
    expect((await send({ headers: { ...own(), ...urlencoded }, body: long })).status).toBe(413);
    const chunked = await send({ headers: { ...own(), ...urlencoded }, body: long, chunked: true });
    expect(chunked.status).toBe(413);
    expect(chunked.text).toContain('What you sent is too long');
    // Ten times past it: still read to its end, so the sender sees the answer.
    const huge = await send({ headers: { ...own(), ...urlencoded }, body: `note=${'x'.repeat(2 * 1024 * 1024)}` });
    expect(huge.status).toBe(413);
    expect(huge.headers.connection).not.toBe('close');
    expect(reached).toEqual([]);
  });
});

describe('form posts the guard hands on', () => {
  it('hands a post from the site’s own pages on with its whole body (urlencoded and multipart)', async () => {
    const fields = { locale: 'es', returnTo: '/help', note: 'Señora Nguyễn 👋 \u200f' };
    expect((await send({ headers: { ...own(), ...urlencoded }, body: form(fields) })).text).toBe('app');
    const body = multipart('----WebKitFormBoundaryAbCdEf', fields);
    expect((await send({ headers: { ...own(), 'content-type': 'multipart/form-data; boundary=----WebKitFormBoundaryAbCdEf' }, body, chunked: true })).text).toBe('app');
    expect(reached).toEqual([
      { method: 'POST', url: '/help', body: form(fields) },
      { method: 'POST', url: '/help', body },
    ]);
  });

  it('hands on a post at the limit, one without an Origin (not a browser), an empty one, and what is not a POST', async () => {
    const atLimit = `n=${'x'.repeat(FORM_BODY_LIMIT_BYTES - 2)}`;
    expect((await send({ headers: { ...own(), ...urlencoded }, body: atLimit })).status).toBe(200);
    expect((await send({ headers: urlencoded, body: 'a=1' })).status).toBe(200);
    expect((await send({ headers: own() })).status).toBe(200);
    expect((await send({ method: 'GET', path: '/apps', headers: { origin: 'https://evil.example' } })).status).toBe(200);
    expect(reached.map((r) => [r.method, r.body.length])).toEqual([
      ['POST', FORM_BODY_LIMIT_BYTES],
      ['POST', 3],
      ['POST', 0],
      ['GET', 0],
    ]);
  });

  it('leaves the route handlers under /api to read their own bodies', async () => {
    const answer = await send({ path: '/api/auth/callback/credentials', headers: { origin: 'https://idp.example', 'content-type': 'multipart/form-data' }, body: 'x' });
    expect(answer.status).toBe(200);
    expect(reached).toEqual([{ method: 'POST', url: '/api/auth/callback/credentials', body: 'x' }]);
  });
});
