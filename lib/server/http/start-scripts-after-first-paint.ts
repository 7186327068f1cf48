import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type PageRewriter, rewriteHtmlPages } from './rewrite-html-pages';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Next.js writes a page's JavaScript chunks as `<script async>` tags in its head (and one more,
 * React's bootstrap, after the page's markup). The browser fetches them at once and runs each as
 * soon as it arrives, also before the page's first frame is on screen: on a phone, the page's text
 * waits for the framework to be evaluated and the page hydrated (issue 16's "render delay"). Every
 * page is server-rendered and its forms work without JavaScript, so nothing is lost by showing the
 * text first.
 *
 * Each such tag becomes a call to a small loader, written once into the head (before the first
 * chunk tag, after the charset); the loader inserts the chunks, in their order and with the page's
 * nonce, once the first contentful paint has been presented (a `paint` PerformanceObserver entry),
 * or at once in a hidden tab or a browser without paint timing, and after 3 s in any case.
 *
 * Nothing of the chunks is fetched before that paint: the preload Next.js writes for React's
 * bootstrap chunk is taken out too. Until 2026-12-07 each chunk had a low-priority preload, so its
 * download started with the page's. On a slow link that bought nothing (the browser holds
 * low-priority requests while the document loads, and the paint came first anyway); on a fast one
 * the chunks arrived before the first frame was presented, and Lighthouse's simulation put every
 * one of them (150 kB on its slow 4G link) on the path of the page's largest paint: 1.9 s against
 * 0.8 s without them (bench/pages/README.md). What it costs a phone is the few milliseconds
 * between the end of the document and its first paint, before the chunks start; every form works
 * without JavaScript meanwhile.
 *
 * The web manifest's link goes the same way, for the same reason: Chrome fetches a manifest (and
 * then its icon) as soon as it sees the link, while the first frame is being drawn, and it is
 * needed only when a member saves the site to a home screen. Its link is inserted with the
 * chunks; inside `<noscript>` it stays in the head for a browser without JavaScript.
 */
export const SCRIPT_LOADER_NAME = '__hubScript';
export const LINK_LOADER_NAME = '__hubLink';
export const SCRIPTS_START_MARK = 'hub:scripts-start';

/** The loader, the same text on every page (the nonce comes from its own element). */
const LOADER = `(function(){var w=window,d=document,q=[],on=0,n=d.currentScript.nonce;`
  + `function a(s){var e=d.createElement("script");e.src=s;e.async=!0;e.nonce=n;d.head.appendChild(e)}`
  + `function k(r,h){var e=d.createElement("link");e.rel=r;e.href=h;d.head.appendChild(e)}`
  + `function g(){if(on)return;on=1;try{performance.mark("${SCRIPTS_START_MARK}")}catch(x){}q.forEach(function(f){f()})}`
  + `function l(f){on?f():q.push(f)}`
  + `w.${SCRIPT_LOADER_NAME}=function(s){l(function(){a(s)})};`
  + `w.${LINK_LOADER_NAME}=function(r,h){l(function(){k(r,h)})};`
  + `var P=w.PerformanceObserver,t=P&&P.supportedEntryTypes||[];`
  + `if(d.visibilityState!=="visible"||t.indexOf("paint")<0)g();`
  + `else{new P(function(x,o){if(x.getEntriesByName("first-contentful-paint").length){o.disconnect();setTimeout(g)}}).observe({type:"paint",buffered:!0});`
  + `d.addEventListener("visibilitychange",g);setTimeout(g,3e3)}})()`;

/** A chunk tag as React writes it: `src` under /_next/static, `async`, a nonce, no `noModule`. */
const CHUNK_TAG = /<script\b([^<>]*)><\/script>/g;
const PRELOADED = /<link\b[^<>]*\brel="preload"[^<>]*>/g;
const MANIFEST = /<link\b[^<>]*\brel="manifest"[^<>]*>/g;
const attribute = (attributes: string, name: string) => new RegExp(`(?:^|\\s)${name}="([^"<>]*)"`).exec(attributes)?.[1];

const isBuildScript = (src: string) => src.startsWith('/_next/static/') && /\.js(?:\?[^"]*)?$/.test(src);

function chunkOf(attributes: string): { src: string; nonce: string } | null {
  const src = attribute(attributes, 'src');
  const nonce = attribute(attributes, 'nonce');
  if (!src || nonce === undefined || !isBuildScript(src)) return null;
  if (!/(?:^|\s)async(?:=""|\s|$)/.test(attributes) || /nomodule/i.test(attributes)) return null;
  return { src, nonce };
}

const jsString = (text: string) => JSON.stringify(text.replace(/&amp;/g, '&')).replace(/</g, '\\u003c');

/**
 * Rewrites one page's HTML as it streams. The bytes are handled as latin1 text, which maps every
 * byte to one character and back, so nothing but the ASCII tags it matches is changed. A tag cut
 * between two writes is held back until its end arrives.
 */
export class PageScriptRewriter implements PageRewriter {
  private held = '';
  private inHead = true;
  private loaderWritten = false;
  /** The nonce the loader was written with (the page's). */
  private nonce: string | undefined;

  /** The bytes that can go out now. */
  push(chunk: Buffer): Buffer {
    const text = this.held + chunk.toString('latin1');
    this.held = '';
    if (this.inHead) {
      const end = text.indexOf('</head>');
      if (end < 0) {
        // The whole head is needed to know every chunk before the loader is written.
        this.held = text;
        return Buffer.alloc(0);
      }
      this.inHead = false;
      return Buffer.from(this.rewriteHead(text.slice(0, end)) + this.rewriteBody(text.slice(end)), 'latin1');
    }
    return Buffer.from(this.rewriteBody(text), 'latin1');
  }

  /** What is left at the end of the page, as it came. */
  end(): Buffer {
    const rest = this.held;
    this.held = '';
    return Buffer.from(rest, 'latin1');
  }

  /**
   * The head without the preloads of build scripts (React's bootstrap chunk has one), its chunk
   * tags rewritten, and its manifest link inserted by the loader (kept in `<noscript>`).
   */
  private rewriteHead(head: string): string {
    const withoutPreloads = head.replace(PRELOADED, (link) => {
      const href = attribute(link.slice(5), 'href');
      return href && /\bas="script"/.test(link) && isBuildScript(href) ? '' : link;
    });
    const rewritten = this.rewriteChunkTags(withoutPreloads);
    const nonce = this.nonce;
    if (nonce === undefined) return rewritten;
    return rewritten.replace(MANIFEST, (link) => {
      const href = attribute(link.slice(5), 'href');
      if (!href) return link;
      return `<noscript>${link}</noscript><script nonce="${nonce}">${LINK_LOADER_NAME}("manifest",${jsString(href)})</script>`;
    });
  }

  private rewriteBody(text: string): string {
    if (!this.loaderWritten) return text;
    const hold = holdFrom(text);
    const ready = text.slice(0, hold);
    this.held = text.slice(hold);
    return this.rewriteChunkTags(ready);
  }

  /**
   * Each chunk tag as a call to the loader, and the loader itself before the first (in the head;
   * the body is rewritten only once it is written).
   */
  private rewriteChunkTags(text: string): string {
    return text.replace(CHUNK_TAG, (tag, attributes: string) => {
      const chunk = chunkOf(attributes);
      if (!chunk) return tag;
      let out = '';
      if (!this.loaderWritten) {
        // Nothing holds the first frame. From 2026-12-04 to 12-06 a render-blocking
        // `<link rel="expect">` went here, holding it until the footer was parsed; with Chrome's
        // paint holding (the previous page stays on screen until the new one paints) that frame was
        // now and then held about 1.2 s past the end of parsing (Lighthouse's Chromium: a static
        // copy of /security painted at 1.2 s in 4 of 18 loads with the link, in 0 of 13 without,
        // and never with PaintHolding off). The page is one network read of about 15 kB, so its
        // header and main content are parsed together anyway.
        out += `<script nonce="${chunk.nonce}">${LOADER}</script>`;
        this.loaderWritten = true;
        this.nonce = chunk.nonce;
      }
      return `${out}<script nonce="${chunk.nonce}">${SCRIPT_LOADER_NAME}(${jsString(chunk.src)})</script>`;
    });
  }
}

/**
 * Where a tag that could still become a chunk tag starts, in text whose end is not yet the page's:
 * the text from its last `<` when that is a prefix of `<script` or an opened `<script …>` with
 * nothing after it, or from the opening tag before a cut `</script>`.
 */
function holdFrom(text: string): number {
  const last = text.lastIndexOf('<');
  if (last < 0) return text.length;
  const tail = text.slice(last);
  const cutEnd = '</script>'.startsWith(tail) && tail !== '</script>';
  if (cutEnd) {
    const open = text.lastIndexOf('<', last - 1);
    if (open >= 0 && /^<script\b[^<>]*>$/.test(text.slice(open, last))) return open;
  }
  if (cutEnd || '<script'.startsWith(tail) || /^<script\b[^<>]*>?$/.test(tail)) return last;
  return text.length;
}

/** Rewrites the chunk tags of every HTML page the app sends (before it is compressed). */
export function startScriptsAfterFirstPaint(ui: Listener): Listener {
  return rewriteHtmlPages(ui, (req) => (req.method === 'GET' ? new PageScriptRewriter() : null));
}
