import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

interface PageStatus {
  status?: number;
}

/**
 * One store for the process: server.ts and the app's bundle each hold their own copy of this
 * module, and must share it.
 */
const STORE = Symbol.for('consent-hub.page-status');
const pageStatus: AsyncLocalStorage<PageStatus> = ((globalThis as Record<symbol, unknown>)[STORE] ??= new AsyncLocalStorage<PageStatus>()) as AsyncLocalStorage<PageStatus>;

/**
 * Lets a page choose its answer's status (server.ts, in front of Next.js).
 *
 * Why: Next.js 16 answers `notFound()` (and `forbidden()`) from a page with an empty error shell,
 * `<html id="__next_error__">` with no `lang` and an empty body; the not-found page exists only in
 * the RSC payload and is drawn by the browser's scripts (vercel/next.js#62228, open). Without
 * JavaScript the member sees a blank page. A page that finds nothing instead renders its not-found
 * content itself, server-side in the layouts and in the member's language, and asks for 404 here.
 *
 * Only a document request gets the status: the client router answers a non-200 RSC response by
 * loading the whole page, so an RSC request keeps Next.js's own status.
 */
export function answerWithPageStatus(next: Listener): Listener {
  return (req, res) => {
    const state: PageStatus = {};
    if (req.headers.rsc === undefined) {
      const writeHead = res.writeHead;
      // ServerResponse sends implicit headers through writeHead too, so this sees every answer.
      res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
        const status = state.status !== undefined && statusCode === 200 ? state.status : statusCode;
        if (status !== statusCode) this.statusMessage = '';
        return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
      } as typeof res.writeHead;
    }
    pageStatus.run(state, () => next(req, res));
  };
}

/** From a page: the status its answer goes out with (a 404 for a page that found nothing). */
export function setPageStatus(status: number): void {
  const state = pageStatus.getStore();
  if (state) state.status = status;
}

/**
 * A page that found nothing: `return notFoundContent(<TheSegmentsNotFound />)` in place of
 * `notFound()`, so the answer is a 404 with the not-found content drawn on the server.
 */
export function notFoundContent<T>(content: T): T {
  setPageStatus(404);
  return content;
}
