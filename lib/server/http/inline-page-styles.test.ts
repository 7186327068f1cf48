import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishSiteStylesheet } from '@/lib/design/site-stylesheet-slot';
import { inlinePageStyles, siteStylesheetPath } from './inline-page-styles';

const CSS = 'html{color:#111}.used{color:red}.unused{color:blue}@media (min-width:40rem){.sm\\:used{x:y}.sm\\:unused{x:z}}';
const N = 'bm9uY2Vub25jZQ==';
const pageWith = (css: string, body = '<main class="used sm:used">Hola — ñandú</main>') =>
  `<!DOCTYPE html><html><head><meta charSet="utf-8"/><title>t</title></head><body><style nonce="${N}" data-site-stylesheet="">${css}</style>${body}</body></html>`;

const servers: http.Server[] = [];
afterEach(async () => Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r)))));
beforeEach(() => publishSiteStylesheet(CSS));

async function serve(ui: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = http.createServer(inlinePageStyles(ui));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the page's own styles inline, the whole stylesheet after the first paint", () => {
  it('cuts the inline stylesheet to the rules of the classes in the page, written in parts, and drops a length it changed', async () => {
    const page = Buffer.from(pageWith(CSS));
    const callbacks: string[] = [];
    const url = await serve((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('content-length', String(page.length));
      res.write(page.subarray(0, 150), () => callbacks.push('first'));
      // A cut inside a multi-byte character.
      const cut = page.indexOf('ñ') + 1;
      res.write(page.subarray(150, cut).toString('latin1'), 'latin1');
      setTimeout(() => res.end(page.subarray(cut), () => callbacks.push('end')), 5);
    });
    const res = await fetch(url);
    expect(res.headers.get('content-length')).toBeNull();
    const html = await res.text();
    const path = siteStylesheetPath()!;
    expect(path).toMatch(/^\/site-[\w-]{16}\.css$/);
    expect(html).toContain(`<style nonce="${N}" data-site-stylesheet="">html{color:#111}.used{color:red}@media (min-width:40rem){.sm\\:used{x:y}}</style>`);
    // The whole stylesheet: as a file after the first paint (the loader, or at once without it), and for a browser without scripts.
    expect(html).toContain(`<noscript><link rel="stylesheet" href="${path}"/></noscript>`);
    expect(html).toContain(`<script nonce="${N}">(window.__hubLink||function(r,h){`);
    expect(html).toContain(`("stylesheet","${path}")</script>`);
    expect(html).toContain('<main class="used sm:used">Hola — ñandú</main>');
    expect(callbacks).toEqual(['first', 'end']);
  });

  it('serves the whole stylesheet at its path, named by its content and cached for good, with the site headers', async () => {
    const url = await serve((_req, res) => res.end('next'));
    const path = siteStylesheetPath()!;
    const res = await fetch(url + path);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(CSS);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(url + path, { method: 'HEAD' })).headers.get('content-length')).toBe(String(CSS.length));
    // Another stylesheet's name (one served before a change) is the app's to answer.
    publishSiteStylesheet(`${CSS}.new{x:y}`);
    expect(siteStylesheetPath()).not.toBe(path);
    expect(await (await fetch(url + path)).text()).toBe('next');
  });

  it('leaves alone what is not a page with the site stylesheet: JSON, a POST, another <style>, a stylesheet changed since the render', async () => {
    const other = pageWith('p{color:red}');
    const url = await serve((req, res) => {
      res.setHeader('content-type', req.url === '/json' ? 'application/json' : 'text/html');
      res.end(req.url === '/json' ? JSON.stringify({ html: pageWith(CSS) }) : req.url === '/other' ? other : pageWith(CSS));
    });
    expect(await (await fetch(`${url}/json`)).text()).toBe(JSON.stringify({ html: pageWith(CSS) }));
    expect(await (await fetch(url, { method: 'POST' })).text()).toBe(pageWith(CSS));
    expect(await (await fetch(`${url}/other`)).text()).toBe(other);
  });

  it('streams on with the whole stylesheet a page too large to hold', async () => {
    const big = pageWith(CSS, `<main class="used">${'x'.repeat(1024 * 1024 + 10)}</main>`);
    const url = await serve((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.write(big.slice(0, 1000));
      res.write(big.slice(1000, 600_000));
      res.write(big.slice(600_000));
      res.end();
    });
    expect(await (await fetch(url)).text()).toBe(big);
  });
});
