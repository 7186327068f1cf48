import 'server-only';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { classesInHtml, type SplitStylesheet, splitStylesheet, stylesheetFor } from '@/lib/design/critical-stylesheet';
import { publishedSiteStylesheet } from '@/lib/design/site-stylesheet-slot';
import { SITE_HEADERS } from '@/lib/security/site-headers';
import { type PageRewriter, rewriteHtmlPages } from './rewrite-html-pages';
import { LINK_LOADER_NAME } from './start-scripts-after-first-paint';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Every page's head carries the site's stylesheet inline (components/layout/inline-stylesheet.tsx),
 * so its first paint needs no second request. This cuts that stylesheet to the rules the page's
 * own HTML can use (lib/design/critical-stylesheet.ts) and has the whole stylesheet follow as a
 * file once the first frame is on screen, through the loader that starts the page's scripts
 * (`__hubLink`, lib/server/http/start-scripts-after-first-paint.ts), for what scripts
 * draw later and for client-side navigations. A browser without JavaScript gets the file from a
 * `<noscript>` link in the head instead.
 *
 * The page is held until it ends (every page of the hub is rendered in one go; nothing streams),
 * up to MAX_HELD_BYTES; a page that goes over keeps the whole stylesheet and streams on.
 */
const MAX_HELD_BYTES = 1024 * 1024;

const STYLE_OPEN = /<style\b[^<>]*\bdata-site-stylesheet=""[^<>]*>/;

interface Published {
  css: string;
  split: SplitStylesheet;
  path: string;
}

let published: Published | undefined;

/** The stylesheet the server compiled, split once, and the path its file is served at. */
function current(): Published | undefined {
  const css = publishedSiteStylesheet();
  if (!css) return undefined;
  if (published?.css !== css) {
    const hash = createHash('sha256').update(css).digest('base64url').slice(0, 16);
    published = { css, split: splitStylesheet(css), path: `/site-${hash}.css` };
  }
  return published;
}

/** The site stylesheet's file path for the stylesheet being served now (for tests and links). */
export function siteStylesheetPath(): string | undefined {
  return current()?.path;
}

/** The page with only its own part of the inline stylesheet, and the whole one after the first paint. */
function withThePagesStyles(html: string, sheet: Published): string {
  const open = STYLE_OPEN.exec(html);
  if (!open) return html;
  const start = open.index + open[0].length;
  const end = html.indexOf('</style>', start);
  if (end < 0 || html.slice(start, end) !== sheet.css) return html;
  const nonce = /\bnonce="([^"<>]*)"/.exec(open[0])?.[1];
  if (nonce === undefined) return html;
  const classes = classesInHtml(html);
  const href = JSON.stringify(sheet.path);
  // The loader inserts the link after the first paint; a page without it inserts the link at once.
  const follow = `<script nonce="${nonce}">(window.${LINK_LOADER_NAME}||function(r,h){var e=document.createElement("link");e.rel=r;e.href=h;document.head.appendChild(e)})("stylesheet",${href})</script>`;
  const fallback = `<noscript><link rel="stylesheet" href="${sheet.path}"/></noscript>`;
  return html.slice(0, start) + stylesheetFor(sheet.split, classes) + '</style>' + fallback + follow + html.slice(end + '</style>'.length);
}

/** Holds a page to its end (or MAX_HELD_BYTES), then gives it with only its own styles inline. */
class PageStylesRewriter implements PageRewriter {
  private held: Buffer[] | null = [];
  private heldBytes = 0;

  constructor(private readonly sheet: Published) {}

  push(chunk: Buffer): Buffer {
    if (!this.held) return chunk;
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    if (this.heldBytes <= MAX_HELD_BYTES) return Buffer.alloc(0);
    // Too large to hold: out as it came, with the whole stylesheet inline.
    const bytes = Buffer.concat(this.held);
    this.held = null;
    return bytes;
  }

  end(): Buffer {
    if (!this.held) return Buffer.alloc(0);
    const html = Buffer.concat(this.held).toString('utf8');
    this.held = null;
    return Buffer.from(withThePagesStyles(html, this.sheet), 'utf8');
  }
}

/** Cuts each HTML page's inline stylesheet to the page's rules, and serves the whole one as a file. */
export function inlinePageStyles(ui: Listener): Listener {
  return (req, res) => {
    const sheet = current();
    if (!sheet) return ui(req, res);
    const path = (req.url ?? '').split('?')[0];
    if (path === sheet.path && (req.method === 'GET' || req.method === 'HEAD')) return serveStylesheet(req, res, sheet);
    rewriteHtmlPages(ui, () => (req.method === 'GET' ? new PageStylesRewriter(sheet) : null))(req, res);
  };
}

/** The whole stylesheet, named by its content's hash: cached for a year. */
function serveStylesheet(req: IncomingMessage, res: ServerResponse, sheet: Published): void {
  for (const { key, value } of SITE_HEADERS) res.setHeader(key, value);
  res.setHeader('content-type', 'text/css; charset=utf-8');
  res.setHeader('cache-control', 'public, max-age=31536000, immutable');
  const body = Buffer.from(sheet.css, 'utf8');
  res.setHeader('content-length', String(body.length));
  res.end(req.method === 'HEAD' ? undefined : body);
}
