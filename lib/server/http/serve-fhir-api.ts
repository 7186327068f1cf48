import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUtf8 } from 'node:buffer';
import zlib from 'node:zlib';
import { handleFhirRequest, type FhirHttpAnswer, type FhirHttpRequest } from '@/lib/server/fhir/handle-fhir-request';
import { FhirRequestError } from '@/lib/server/fhir/operation-outcome';
import { acceptedEncoding, type ContentEncoding } from './accepted-encoding';

// A body past this is not read to its end: the connection is closed instead.
const MAX_DRAINED_BYTES = 1024 * 1024;

/** An answer smaller than this goes out as it is: compressing it saves less than a packet. */
export const MIN_COMPRESSED_BYTES = 1024;

/**
 * An answer compressed for a client that takes it, at the fast end of each format: a search page
 * of 50 claims (437 kB of JSON) is 15.9 kB in Brotli at quality 1 for about 0.2 ms of CPU, 32 kB
 * in gzip at level 1 for 0.6 ms (Brotli at quality 2 is 4% smaller for three times the CPU).
 * Brotli's window is 512 kB (2^19, more than a page) instead of its default 4 MB, which cost more
 * to set up for each answer than the compressing (0.78 against 0.47 ms at quality 2, sixteen at a
 * time). On this thread, not zlib's thread pool: handing each answer to a pool thread and back cost
 * the hub 0.14 ms more an answer than compressing it here (`npm run bench:fhir`, Postgres: 1,019
 * answers a second in the pool, 1,117 here, 1,377 uncompressed). Sent to a phone, or from a payer's
 * data centre at all, the 437 kB were the cost.
 */
const COMPRESS: Record<ContentEncoding, (body: string | Uint8Array, length: number) => Buffer> = {
  br: (body, length) =>
    zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1, [zlib.constants.BROTLI_PARAM_LGWIN]: 19, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: length } }),
  gzip: (body) => zlib.gzipSync(body, { level: 1 }),
};

const byteLength = (body: NonNullable<FhirHttpAnswer['body']>) =>
  Array.isArray(body) ? body.reduce((n, part) => n + part.length, 0) : typeof body === 'string' ? Buffer.byteLength(body) : body.length;

/**
 * The answer's bytes in the encoding the client takes, or null to send them as they are (the
 * client takes no compression, the answer is small, or compressing failed).
 */
function compressedAnswer(req: IncomingMessage, body: NonNullable<FhirHttpAnswer['body']>, length: number): { encoding: ContentEncoding; bytes: Buffer } | null {
  const encoding = req.method === 'HEAD' || length < MIN_COMPRESSED_BYTES ? null : acceptedEncoding(req);
  if (!encoding) return null;
  try {
    return { encoding, bytes: COMPRESS[encoding](Array.isArray(body) ? Buffer.concat(body, length) : body, length) };
  } catch {
    return null;
  }
}

/**
 * Reads at most `limit` characters of a request body; null when it is longer, a 400 when it is not UTF-8. An over-long body is
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
      const bytes = Buffer.concat(chunks);
      // Bytes that are not UTF-8 would be read as U+FFFD and searched for; a URL with them gets a 400.
      if (!isUtf8(bytes)) return reject(new FhirRequestError(400, 'invalid', 'The request body is not valid UTF-8.'));
      const text = bytes.toString('utf8');
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
      if (body === null) {
        res.writeHead(answer.status, answer.headers);
        res.end();
        return;
      }
      // Whether an answer is compressed depends on the request's Accept-Encoding (RFC 9110 12.5.5).
      // Bearer tokens are no ambient credential, so a page cannot make a member's browser send
      // them with chosen input and measure the compressed size (BREACH).
      const length = byteLength(body);
      const headers = { ...answer.headers, vary: 'Accept-Encoding' };
      const compressed = compressedAnswer(req, body, length);
      if (compressed) {
        res.writeHead(answer.status, { ...headers, 'content-encoding': compressed.encoding, 'content-length': String(compressed.bytes.length) });
        res.end(compressed.bytes);
        return;
      }
      if (Array.isArray(body)) {
        // A Bundle in pieces (the database's bytes between constant pieces): written as they are,
        // in one writev, never copied into one new buffer (a fresh half-megabyte buffer per answer
        // costs more than the write itself).
        res.writeHead(answer.status, { ...headers, 'content-length': String(length) });
        res.cork();
        for (const part of body) res.write(part);
        res.end();
        return;
      }
      res.writeHead(answer.status, { ...headers, 'content-length': String(length) });
      res.end(body);
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
