import 'server-only';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { SITE_HEADERS } from '@/lib/security/site-headers';
import { acceptedEncoding, type ContentEncoding } from './accepted-encoding';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const PREFIX = '/_next/static/';
/** The build's own file names: letters, digits, `_`, `-`, `.` and folders, nothing encoded, no segment starting with `.` (so no `..`). */
const BUILD_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*\/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;
/** What the pages load as text, with the types Next.js sends them under. */
const CONTENT_TYPES: Record<string, string> = { '.js': 'application/javascript; charset=UTF-8', '.css': 'text/css; charset=UTF-8' };
/** Next.js's own header for these files: their names change whenever their bytes do. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** A bound on the bytes held (a build's scripts are about 0.3 MB compressed). */
const MAX_HELD_BYTES = 32 * 1024 * 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

interface Variant {
  bytes: Buffer;
  etag: string;
}
interface Held {
  type: string;
  variants: Record<ContentEncoding, Variant>;
}

export interface PrecompressedStatic {
  listener: Listener;
  /** Resolves once every compression started so far has finished (for tests). */
  settled(): Promise<void>;
}

/**
 * The build's scripts and stylesheets (`/_next/static/…`), compressed once each at the formats'
 * best (Brotli 11, gzip 9) instead of on every request at the quality a page can afford (Brotli 5,
 * lib/server/http/compress-pages.ts): a first visit's seven chunks cost the server's thread about
 * 15 ms to compress and come out 9% larger. A file is compressed in the background (zlib's thread
 * pool) the first time it is asked for; until then, and for anything else (another path, a method
 * other than GET or HEAD, a range, a client that takes neither encoding), the request goes on to
 * `next` as before. The headers are the ones Next.js sends for these files: the site's
 * (lib/security/site-headers.ts), immutable caching, the type, and an ETag per encoding.
 */
export function servePrecompressedStatic(staticDir: string, next: Listener): PrecompressedStatic {
  const held = new Map<string, Held>();
  const compressing = new Map<string, Promise<void>>();
  let heldBytes = 0;

  const compressSoon = (name: string, type: string) => {
    if (compressing.has(name) || heldBytes >= MAX_HELD_BYTES) return;
    const work = (async () => {
      try {
        const bytes = await readFile(path.join(staticDir, name));
        const [br, gz] = await Promise.all([
          brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
          gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }),
        ]);
        heldBytes += br.length + gz.length;
        held.set(name, { type, variants: { br: variantOf(br), gzip: variantOf(gz) } });
      } catch {
        // Not a file of this build (or not readable): Next.js answers it, every time.
      } finally {
        compressing.delete(name);
      }
    })();
    compressing.set(name, work);
  };

  const listener: Listener = (req, res) => {
    const name = buildFileOf(req);
    const type = name && CONTENT_TYPES[path.extname(name)];
    if (!name || !type || req.headers.range) return next(req, res);
    const encoding = acceptedEncoding(req);
    if (!encoding) return next(req, res);
    const file = held.get(name);
    if (!file) {
      compressSoon(name, type);
      return next(req, res);
    }
    const variant = file.variants[encoding];
    for (const { key, value } of SITE_HEADERS) res.setHeader(key, value);
    res.setHeader('Cache-Control', IMMUTABLE);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('ETag', variant.etag);
    if (matchesEtag(req.headers['if-none-match'], variant.etag)) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', file.type);
    res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', variant.bytes.length);
    res.end(req.method === 'HEAD' ? undefined : variant.bytes);
  };

  return { listener, settled: async () => void (await Promise.all([...compressing.values()])) };
}

/** The file a GET or HEAD names under /_next/static/, relative to the build's static folder; null for anything else. */
function buildFileOf(req: IncomingMessage): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const pathname = (req.url ?? '').split('?')[0];
  if (!pathname.startsWith(PREFIX)) return null;
  const name = pathname.slice(PREFIX.length);
  return BUILD_PATH.test(name) ? name : null;
}

function variantOf(bytes: Buffer): Variant {
  return { bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` };
}

/** If-None-Match holds this ETag (weakly compared, as RFC 9110 says for this header) or `*`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const value = tag.trim();
    return value === '*' || value.replace(/^W\//, '') === etag;
  });
}
