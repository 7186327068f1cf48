import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { compressPages } from './compress-pages';
import { LINK_LOADER_NAME, PageScriptRewriter, SCRIPT_LOADER_NAME, startScriptsAfterFirstPaint } from './start-scripts-after-first-paint';

const N = 'sIfKatMPgbM+cd/x6LMuxA==';
/** The shape of a page as Next.js 16 writes it (the head's tags in its order, then the bootstrap). */
const head =
  `<!DOCTYPE html><html lang="es"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>`
  + `<link rel="preload" as="script" fetchPriority="low" nonce="${N}" href="/_next/static/chunks/boot.js"/>`
  + `<script src="/_next/static/chunks/a.js" async="" nonce="${N}"></script>`
  + `<script src="/_next/static/chunks/turbopack-b.js" async="" nonce="${N}"></script>`
  + `<title>Elija una app · Año</title>`
  + `<script src="/_next/static/chunks/legacy.js" noModule="" nonce="${N}"></script>`
  + `<script src="https://elsewhere.example/x.js" async="" nonce="${N}"></script>`
  + `<style nonce="${N}">p{color:red}</style></head>`;
const body =
  `<body><main><h1>Conecte una app — ñandú 🦙</h1><p>El texto de la página.</p></main>`
  + `<script nonce="${N}" id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/boot.js"]});</script>`
  + `<script src="/_next/static/chunks/boot.js" nonce="${N}" async=""></script>`
  + `<script nonce="${N}">(self.__next_f=self.__next_f||[]).push([0])</script>`
  + `<script src="/_next/static/chunks/late.js" nonce="${N}" async=""></script>`
  + `<script nonce="${N}">self.__next_f.push([1,"\\u003cp\\u003e"])</script></body></html>`;
const page = Buffer.from(head + body, 'utf8');

function rewriteInPieces(bytes: Buffer, cuts: number[]): string {
  const rewriter = new PageScriptRewriter();
  const out: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(rewriter.push(bytes.subarray(from, cut)));
    from = cut;
  }
  out.push(rewriter.end());
  return Buffer.concat(out).toString('utf8');
}

/** Runs the page's inline scripts in order, as a browser with paint timing would, and reports what the loader inserted and when. */
function runInlineScripts(html: string, { visible = true, paintTiming = true } = {}) {
  const inserted: { src: string; nonce: string; async: boolean; rel?: string; href?: string; afterPaint: boolean }[] = [];
  let painted = false;
  let observer: ((list: { getEntriesByName(name: string): unknown[] }, o: { disconnect(): void }) => void) | null = null;
  const timers: (() => void)[] = [];
  const marks: string[] = [];
  const document = {
    visibilityState: visible ? 'visible' : 'hidden',
    currentScript: { nonce: N },
    head: { appendChild: (e: { src: string; nonce: string; async: boolean; rel?: string; href?: string }) => inserted.push({ ...e, afterPaint: painted }) },
    createElement: () => ({ src: '', nonce: '', async: false }),
    addEventListener: () => {},
  };
  class PerformanceObserver {
    static supportedEntryTypes = paintTiming ? ['paint', 'largest-contentful-paint'] : ['mark'];
    constructor(callback: typeof observer) {
      observer = callback;
    }
    observe() {}
  }
  const sandbox: Record<string, unknown> = { document, PerformanceObserver, performance: { mark: (name: string) => marks.push(name) } };
  sandbox.setTimeout = (fn: () => void, ms?: number) => (ms === undefined || ms === 0 ? timers.push(fn) : undefined);
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  const context = vm.createContext(sandbox);
  for (const [, script] of html.matchAll(/<script nonce="[^"]*"(?: id="_R_")?>(.*?)<\/script>/g)) vm.runInContext(script, context);
  const paint = () => {
    painted = true;
    observer?.({ getEntriesByName: (name) => (name === 'first-contentful-paint' ? [{}] : []) }, { disconnect() {} });
    for (const fn of timers.splice(0)) fn();
  };
  return { inserted, paint, marks };
}

describe('starting the page scripts after the first paint', () => {
  it('turns each chunk tag into a loader call, takes out the build scripts\' preloads, and leaves everything else as it was', () => {
    const html = rewriteInPieces(page, []);
    expect(html).not.toMatch(/<script src="\/_next\/static\/chunks\/(a|turbopack-b|boot|late)\.js"/);
    // The charset stays first; the loader comes before the first chunk's call.
    expect(html.indexOf('<meta charSet="utf-8"/>')).toBeLessThan(html.indexOf(SCRIPT_LOADER_NAME));
    // Nothing holds the first frame (with Chrome's paint holding, a render-blocking link stalled it).
    expect(html).not.toMatch(/blocking="render"|rel="expect"/);
    // Nothing of the chunks is fetched before the first paint: no preload, not even React's bootstrap one.
    expect(html).not.toMatch(/rel="preload"/);
    expect(html.match(/\/_next\/static\/chunks\/boot\.js/g)).toHaveLength(1);
    expect(html).toContain(`${SCRIPT_LOADER_NAME}("/_next/static/chunks/boot.js")`);
    // Other preloads stay as they were.
    const withFont = Buffer.from(head.replace('<title>', '<link rel="preload" as="font" href="/_next/static/media/x.woff2" crossorigin=""/><title>') + body);
    expect(rewriteInPieces(withFont, [200])).toContain('<link rel="preload" as="font" href="/_next/static/media/x.woff2" crossorigin=""/>');
    // Left as they were: the no-module fallback, a script from elsewhere, inline scripts, the text.
    expect(html).toContain(`<script src="/_next/static/chunks/legacy.js" noModule="" nonce="${N}"></script>`);
    expect(html).toContain(`<script src="https://elsewhere.example/x.js" async="" nonce="${N}"></script>`);
    expect(html).toContain('<h1>Conecte una app — ñandú 🦙</h1>');
    expect(html).toContain(`self.__next_f.push([1,"\\u003cp\\u003e"])`);
    expect(html).toContain(`<style nonce="${N}">p{color:red}</style>`);
    // Every inline script carries the page's nonce.
    for (const [tag] of html.matchAll(/<script(?! src)[^>]*>/g)) expect(tag).toContain(`nonce="${N}"`);
  });

  it('gives the same page whichever bytes the page is cut between (multi-byte characters and tags included)', () => {
    const whole = rewriteInPieces(page, []);
    for (let cut = 1; cut < page.length; cut++) expect(rewriteInPieces(page, [cut])).toBe(whole);
    for (let cut = 1; cut + 7 < page.length; cut += 5) expect(rewriteInPieces(page, [cut, cut + 3, cut + 7])).toBe(whole);
  });

  it('inserts the chunks, in their order and with the nonce, only after the first contentful paint', () => {
    const { inserted, paint, marks } = runInlineScripts(rewriteInPieces(page, [300, 900]));
    expect(inserted).toEqual([]);
    paint();
    expect(inserted.map((s) => s.src)).toEqual(['a', 'turbopack-b', 'boot', 'late'].map((n) => `/_next/static/chunks/${n}.js`));
    expect(inserted.every((s) => s.nonce === N && s.async && s.afterPaint)).toBe(true);
    expect(marks).toEqual(['hub:scripts-start']);
  });

  it('inserts the web manifest\'s link after the first paint too, and keeps it in <noscript> for a browser without JavaScript', () => {
    const withManifest = Buffer.from(head.replace('<title>', '<link rel="manifest" href="/manifest.webmanifest"/><title>') + body);
    const html = rewriteInPieces(withManifest, [120, 700]);
    expect(html).toContain(`<noscript><link rel="manifest" href="/manifest.webmanifest"/></noscript><script nonce="${N}">${LINK_LOADER_NAME}("manifest","/manifest.webmanifest")</script>`);
    expect(html.replace(/<noscript>.*?<\/noscript>/g, '')).not.toContain('rel="manifest"');
    const { inserted, paint } = runInlineScripts(html);
    expect(inserted).toEqual([]);
    paint();
    expect(inserted.filter((e) => e.rel)).toEqual([expect.objectContaining({ rel: 'manifest', href: '/manifest.webmanifest', afterPaint: true })]);
    expect(inserted.filter((e) => !e.rel).map((e) => e.src)).toHaveLength(4);
    // A page the loader is not written into keeps its link as it was.
    const plain = Buffer.from('<!DOCTYPE html><html><head><link rel="manifest" href="/m.webmanifest"/></head><body></body></html>');
    expect(rewriteInPieces(plain, [30])).toBe(plain.toString());
  });

  it('inserts them at once in a hidden tab and in a browser without paint timing', () => {
    for (const options of [{ visible: false }, { paintTiming: false }]) {
      const { inserted } = runInlineScripts(rewriteInPieces(page, []), options);
      expect(inserted).toHaveLength(4);
      expect(inserted.every((s) => !s.afterPaint)).toBe(true);
    }
  });

  it('leaves a page without chunk tags, and one whose head never ends, exactly as written', () => {
    const plain = Buffer.from('<!DOCTYPE html><html><head><title>x</title></head><body><script src="/_next/static/chunks/a.js" async="" nonce="n"></script></body></html>');
    expect(rewriteInPieces(plain, [40])).toBe(plain.toString());
    const cut = Buffer.from('<html><head><script src="/_next/static/chunks/a.js" async="" nonce="n"></script>');
    expect(rewriteInPieces(cut, [10])).toBe(cut.toString());
  });
});

describe('the rewriting in the server', () => {
  const servers: http.Server[] = [];
  afterEach(async () => Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r)))));

  async function serve(ui: (req: IncomingMessage, res: ServerResponse) => void, compressed = false) {
    const rewriting = startScriptsAfterFirstPaint(ui);
    const server = http.createServer(compressed ? compressPages(rewriting) : rewriting);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  it('rewrites an HTML page written in parts (strings and bytes, with callbacks), and drops a length it changed', async () => {
    const text = head + body;
    const callbacks: string[] = [];
    const url = await serve((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('content-length', String(page.length));
      res.write(text.slice(0, 300), () => callbacks.push('first'));
      res.write(Buffer.from(text.slice(300, 700)));
      setTimeout(() => res.end(Buffer.from(text.slice(700)), () => callbacks.push('end')), 5);
    });
    const res = await fetch(url);
    expect(res.headers.get('content-length')).toBeNull();
    const html = await res.text();
    expect(html).toBe(rewriteInPieces(page, []));
    expect(callbacks).toEqual(['first', 'end']);
  });

  it('rewrites a page whose headers went out before its first write, as Next.js sends them', async () => {
    const url = await serve((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.flushHeaders();
      res.write(page.subarray(0, 100));
      res.write(page.subarray(100));
      res.end();
    });
    expect(await (await fetch(url)).text()).toBe(rewriteInPieces(page, []));
  });

  it('rewrites the page before server.ts compresses it (the encoding is then already in the headers sent)', async () => {
    const url = await serve((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.flushHeaders();
      res.write(page.subarray(0, 100));
      res.end(page.subarray(100));
    }, true);
    const body = await new Promise<Buffer>((resolve, reject) => {
      http.get(url, { headers: { 'accept-encoding': 'br' } }, (res) => {
        expect(res.headers['content-encoding']).toBe('br');
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d)).on('end', () => resolve(Buffer.concat(chunks)));
      }).on('error', reject);
    });
    expect(zlib.brotliDecompressSync(body).toString()).toBe(rewriteInPieces(page, []));
  });

  it('passes other answers through untouched: JSON, a POST, a HEAD', async () => {
    const json = JSON.stringify({ html: head });
    const url = await serve((req, res) => {
      res.setHeader('content-type', req.url === '/json' ? 'application/json' : 'text/html');
      res.end(req.url === '/json' ? json : page);
    });
    expect(await (await fetch(`${url}json`)).text()).toBe(json);
    expect(await (await fetch(url, { method: 'POST' })).text()).toBe(page.toString());
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(200);
  });
});
