import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants } from 'node:zlib';
import compression from 'compression';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;
type Flushable = ServerResponse & { flush?: () => void };

/**
 * Brotli at quality 5: a page's HTML in about 2 ms, 9% smaller than gzip (Node's default quality,
 * 11, takes 40 times as long on a dynamic page).
 */
const BROTLI_QUALITY = 5;

/** A renderer's flush waits this long for more of the page before it goes out on its own. */
export const FLUSH_IDLE_MS = 10;

/**
 * Compresses what Next.js sends (pages, RSC payloads, scripts, stylesheets): Brotli where the
 * browser takes it, else gzip. Next.js's own compression (off: next.config `compress: false`)
 * flushes the compressor after every chunk its renderer writes, and a gzip stream's flush is a
 * full flush, which starts the dictionary over: `/apps`, written in three chunks, went out as
 * 20.2 kB of gzip where the same bytes in one stream are 16.2 kB (14.8 kB in Brotli). Here a
 * renderer's flush waits until no more of the page has come for FLUSH_IDLE_MS: a page written in
 * one go is compressed as one stream, and a part that really is streamed later (a Suspense
 * boundary waiting on data) still goes out as soon as the renderer stops writing.
 */
export function compressPages(ui: Listener): Listener {
  const compress = compression({ brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } } });
  return (req, res) => {
    compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () => {
      const flushNow = (res as Flushable).flush;
      if (flushNow) (res as Flushable).flush = flushWhenIdle(res, flushNow);
      ui(req, res);
    });
  };
}

function flushWhenIdle(res: ServerResponse, flushNow: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  res.once('finish', () => clearTimeout(timer));
  res.once('close', () => clearTimeout(timer));
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!res.writableEnded) flushNow.call(res);
    }, FLUSH_IDLE_MS);
  };
}
