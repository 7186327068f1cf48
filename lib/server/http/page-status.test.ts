import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerWithPageStatus, notFoundContent, setPageStatus } from './page-status';

// A page that found nothing asks for a 404 from deep inside its rendering (after awaits, as a
// server component does); the layer in front applies it to the document's answer.

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer(
    answerWithPageStatus(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      await sleep(5);
      if (url.pathname === '/missing') await Promise.resolve().then(() => notFoundContent('<h1>Not found</h1>'));
      if (url.pathname === '/redirect') {
        setPageStatus(404);
        res.writeHead(307, { location: '/elsewhere' });
        return void res.end();
      }
      if (url.pathname === '/explicit') {
        setPageStatus(404);
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<h1>Not found</h1>');
      }
      res.setHeader('content-type', 'text/html');
      res.write('<h1>'); // implicit headers
      res.end(url.pathname === '/missing' ? 'Not found</h1>' : 'Page</h1>');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('answerWithPageStatus', () => {
  it('sends the status a page asked for, with its content, on implicit and explicit headers alike', async () => {
    const missing = await fetch(`${base}/missing`);
    expect(missing.status).toBe(404);
    expect(missing.statusText).toBe('Not Found');
    expect(await missing.text()).toBe('<h1>Not found</h1>');
    expect((await fetch(`${base}/explicit`)).status).toBe(404);
  });

  it('leaves every other page, a redirect and the client router’s RSC requests alone', async () => {
    expect((await fetch(`${base}/found`)).status).toBe(200);
    expect((await fetch(`${base}/redirect`, { redirect: 'manual' })).status).toBe(307);
    expect((await fetch(`${base}/missing`, { headers: { rsc: '1' } })).status).toBe(200);
  });

  it('keeps each request’s status to itself when requests overlap', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(`${base}/${i % 2 ? 'missing' : 'found'}`)));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 ? 404 : 200)));
  });

  it('does nothing outside a request', () => {
    expect(() => setPageStatus(404)).not.toThrow();
  });
});
