import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleFhirRequest, type FhirHttpRequest } from '@/lib/server/fhir/handle-fhir-request';

// A body past this is not read to its end: the connection is closed instead.
const MAX_DRAINED_BYTES = 1024 * 1024;

/**
 * Reads at most `limit` characters of a request body; null when it is longer. An over-long body is
 * still read to its end (and dropped) before the answer, up to MAX_DRAINED_BYTES: answering while
 * the client is still sending makes Node close the connection, and the client then sees a reset
 * instead of the 413.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] | null = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > MAX_DRAINED_BYTES) {
        chunks = null;
        resolve(null);
      } else if (chunks && length > limit * 4) chunks = null;
      else chunks?.push(chunk);
    });
    req.on('end', () => {
      if (!chunks) return resolve(null);
      const text = Buffer.concat(chunks).toString('utf8');
      resolve(text.length > limit ? null : text);
    });
    req.on('error', reject);
  });
}

/**
 * The Patient Access API on Node's own request and response, with nothing in between: the hot
 * path of the payer's API stays a header lookup, one function call and one write. Nothing is
 * kept between requests: every answer is decided and read from the database.
 */
export function serveFhirApi(origin: string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const request: FhirHttpRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', origin),
        header: (name) => {
          const value = req.headers[name];
          return Array.isArray(value) ? value.join(', ') : value;
        },
        body: (limit) => readBody(req, limit),
      };
      const answer = await handleFhirRequest(request);
      const { body } = answer;
      if (Array.isArray(body)) {
        // A Bundle in pieces (the database's bytes between constant pieces): written as they are,
        // in one writev, never copied into one new buffer (a fresh half-megabyte buffer per answer
        // costs more than the write itself).
        res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.reduce((n, part) => n + part.length, 0)) });
        res.cork();
        for (const part of body) res.write(part);
        res.end();
        return;
      }
      res.writeHead(answer.status, body === null ? answer.headers : { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) });
      res.end(body ?? undefined);
    } catch {
      // A request Node cannot even represent (a broken URL), or a connection gone mid-answer.
      if (res.headersSent) res.destroy();
      else {
        res.statusCode = 400;
        res.end();
      }
    }
  };
}
