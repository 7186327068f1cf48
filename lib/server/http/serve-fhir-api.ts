import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appConfig } from '@/lib/server/config/app-config';
import { createFhirReadCache } from '@/lib/server/fhir/fhir-read-cache';
import { handleFhirRequest, type FhirHttpRequest } from '@/lib/server/fhir/handle-fhir-request';

/** Reads at most `limit` characters of a request body; null when it is longer (the rest is read and dropped). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] | null = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (chunks && length > limit * 4) {
        chunks = null;
        resolve(null);
      } else chunks?.push(chunk);
    });
    req.on('end', () => {
      if (!chunks) return;
      const text = Buffer.concat(chunks).toString('utf8');
      resolve(text.length > limit ? null : text);
    });
    req.on('error', reject);
  });
}

/**
 * The Patient Access API on Node's own request and response, with nothing in between: the hot
 * path of the payer's API stays a header lookup, one function call and one write. Each server
 * (each instance) has its own read cache, which the database confirms on every use.
 */
export function serveFhirApi(origin: string) {
  const cache = createFhirReadCache(appConfig().fhirCacheBytes);
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
      const answer = await handleFhirRequest(request, cache);
      const headers = answer.body === null ? answer.headers : { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) };
      res.writeHead(answer.status, headers);
      res.end(answer.body ?? undefined);
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
