import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
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
 * path of the payer's API stays a header lookup, one function call and one write.
 */
export function serveFhirApi(origin: string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', origin);
    } catch {
      res.statusCode = 400;
      res.end();
      return;
    }
    const request: FhirHttpRequest = {
      method: req.method ?? 'GET',
      url,
      header: (name) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value.join(', ') : value;
      },
      body: (limit) => readBody(req, limit),
    };
    const answer = await handleFhirRequest(request);
    if (answer.body !== null) answer.headers['content-length'] = String(Buffer.byteLength(answer.body));
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body ?? undefined);
  };
}
