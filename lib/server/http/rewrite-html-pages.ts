import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;
type WriteCallback = (error?: Error | null) => void;

/** Rewrites one HTML page's bytes as they are written: what can go out now, and the rest at the end. */
export interface PageRewriter {
  push(chunk: Buffer): Buffer;
  end(): Buffer;
}

/**
 * Passes every HTML page the app writes through a rewriter made for it (`rewriterFor` returns none
 * for a request it leaves alone); any other answer goes out as written. The decision waits for the
 * first write, when Next.js has set the content type. A page's length is dropped, as the rewriting
 * changes it (Next.js sends its headers before the first write, without a length, anyway).
 */
export function rewriteHtmlPages(ui: Listener, rewriterFor: (req: IncomingMessage) => PageRewriter | null): Listener {
  return (req, res) => {
    const write = res.write.bind(res) as (chunk: unknown, encoding?: BufferEncoding, callback?: WriteCallback) => boolean;
    const end = res.end.bind(res) as (chunk?: unknown, encoding?: BufferEncoding, callback?: () => void) => ServerResponse;
    let rewriter: PageRewriter | null | undefined;
    const rewriterOfThisPage = () => {
      if (rewriter === undefined) {
        const isPage = /^text\/html\b/i.test(String(res.getHeader('content-type') ?? ''));
        rewriter = isPage ? rewriterFor(req) : null;
        if (rewriter && !res.headersSent) res.removeHeader('content-length');
      }
      return rewriter;
    };
    const bytesOf = (chunk: unknown, encoding?: BufferEncoding) =>
      typeof chunk === 'string' ? Buffer.from(chunk, encoding ?? 'utf8') : Buffer.from(chunk as Uint8Array);

    res.write = ((chunk: unknown, encoding?: BufferEncoding | WriteCallback, callback?: WriteCallback) => {
      if (typeof encoding === 'function') [callback, encoding] = [encoding, undefined];
      const page = rewriterOfThisPage();
      if (!page || chunk === undefined || chunk === null) return write(chunk, encoding, callback);
      return write(page.push(bytesOf(chunk, encoding)), undefined, callback);
    }) as typeof res.write;

    res.end = ((chunk?: unknown, encoding?: BufferEncoding | (() => void), callback?: () => void) => {
      if (typeof chunk === 'function') [callback, chunk] = [chunk as () => void, undefined];
      if (typeof encoding === 'function') [callback, encoding] = [encoding, undefined];
      const page = rewriterOfThisPage();
      if (!page) return end(chunk, encoding, callback);
      const last = chunk === undefined || chunk === null ? Buffer.alloc(0) : page.push(bytesOf(chunk, encoding));
      return end(Buffer.concat([last, page.end()]), undefined, callback);
    }) as typeof res.end;

    ui(req, res);
  };
}
