import 'server-only';
import { IncomingMessage, type ServerResponse } from 'node:http';
import { sendRefusedRequest, type RefusalKind } from '@/lib/server/errors/refused-request-page';
import { FORM_BODY_LIMIT_BYTES } from '@/lib/security/form-body-limit';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A body over the limit is still read to its end (and dropped) before the 413, so the browser,
 * still sending, sees the answer and not a reset (as nginx's lingering close does); past this, the
 * connection is closed after the answer instead.
 */
const MAX_DRAINED_BYTES = 8 * 1024 * 1024;

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Whether a form post comes from another site, by Next.js's own rule for server actions: the
 * `Origin` host must be the `X-Forwarded-Host` (its first value) or else the `Host` the request
 * names. No `Origin` (a hand-made request; every browser sends one with a form post) passes, as
 * Next.js lets it; `Origin: null` and an origin that is not a URL do not.
 */
export function fromOtherSite(req: IncomingMessage): boolean {
  const origin = header(req, 'origin');
  if (origin === undefined) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  const host = header(req, 'x-forwarded-host')?.split(',')[0]?.trim() || header(req, 'host');
  return !originHost || originHost !== host;
}

/**
 * What is wrong with a page's POST body before Next.js reads it, or null: a multipart form
 * without its boundary or cut short (read with the same FormData parser Next.js uses for a form
 * sent without JavaScript).
 */
export async function unreadableForm(contentType: string | undefined, body: Buffer): Promise<RefusalKind | null> {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return null;
  try {
    await new Request('http://localhost/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(body) }).formData();
    return null;
  } catch {
    return 'unreadable';
  }
}

/**
 * Reads a body up to the form limit: the bytes, `tooLarge` once it is past the limit (the rest is
 * read and dropped so the client sees the answer, not a reset, up to MAX_DRAINED_BYTES), or
 * `gone` when the client went away.
 */
function readFormBody(req: IncomingMessage): Promise<Buffer | 'tooLarge' | 'tooLargeStillSending' | 'gone'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let done = false;
    const finish = (value: Buffer | 'tooLarge' | 'tooLargeStillSending' | 'gone') => {
      if (done) return;
      done = true;
      resolve(value);
    };
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > MAX_DRAINED_BYTES) {
        req.pause();
        finish('tooLargeStillSending');
      } else if (length <= FORM_BODY_LIMIT_BYTES) chunks.push(chunk);
    });
    req.on('end', () => finish(length > FORM_BODY_LIMIT_BYTES ? 'tooLarge' : Buffer.concat(chunks, length)));
    req.on('error', () => finish('gone'));
    req.on('aborted', () => finish('gone'));
  });
}

/** The request again, its body read: what Next.js reads in its place, the same socket, headers and address. */
function replay(req: IncomingMessage, body: Buffer): IncomingMessage {
  const again = new IncomingMessage(req.socket);
  again.method = req.method;
  again.url = req.url;
  again.headers = req.headers;
  again.rawHeaders = req.rawHeaders;
  again.httpVersion = req.httpVersion;
  again.httpVersionMajor = req.httpVersionMajor;
  again.httpVersionMinor = req.httpVersionMinor;
  if (body.length) again.push(body);
  again.push(null);
  // Read whole: once read, the stream ends as a finished request, not as one cut off (which would
  // close the connection under the answer).
  again.complete = true;
  return again;
}

/**
 * Form posts to the pages, checked before Next.js reads them. Next.js answers a server action
 * posted from another site, a multipart body without its boundary or cut short, and a body over its
 * limit by throwing, which the member sees as a bare "Internal Server Error" (and the log as a
 * stack trace). Here each gets its own page in the member's language, with the status it is:
 * 403 from another site, 400 unreadable, 413 too long; nothing reaches the app. A body that passes
 * is handed on whole. Route handlers under /api read their own bodies and are left to them.
 */
export function guardPagePosts(ui: Listener): Listener {
  return (req, res) => {
    if (req.method !== 'POST' || req.url?.startsWith('/api/')) return ui(req, res);
    if (fromOtherSite(req)) {
      // The body is not read: an answer now, and the connection closed after it.
      return sendRefusedRequest(req, res, 'otherSite', { close: true });
    }
    const contentType = header(req, 'content-type');
    if (contentType && /^multipart\/form-data\b/i.test(contentType) && !/;\s*boundary=/i.test(contentType)) {
      return sendRefusedRequest(req, res, 'unreadable', { close: true });
    }
    if (Number(header(req, 'content-length') ?? 0) > MAX_DRAINED_BYTES) return sendRefusedRequest(req, res, 'tooLarge', { close: true });
    void (async () => {
      const body = await readFormBody(req);
      if (body === 'gone') return res.destroy();
      if (body === 'tooLarge' || body === 'tooLargeStillSending') return sendRefusedRequest(req, res, 'tooLarge', { close: body === 'tooLargeStillSending' });
      const problem = await unreadableForm(contentType, body);
      if (problem) return sendRefusedRequest(req, res, problem);
      ui(replay(req, body), res);
    })();
  };
}
