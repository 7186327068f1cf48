import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** Runs a fetch-style handler (Request → Response) behind a plain Node HTTP server. */
export function serveFetchHandler(handler: (request: Request) => Promise<Response>, origin: string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    try {
      const request = new Request(new URL(req.url ?? '/', origin), {
        method: req.method,
        headers,
        body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
        // @ts-expect-error Node's fetch needs this for a streamed request body
        duplex: hasBody ? 'half' : undefined,
      });
      const response = await handler(request);
      res.statusCode = response.status;
      response.headers.forEach((value, name) => res.setHeader(name, value));
      if (response.body && req.method !== 'HEAD') {
        const body = Buffer.from(await response.arrayBuffer());
        res.setHeader('content-length', body.length);
        res.end(body);
      } else {
        res.end();
      }
    } catch {
      // A request Node's fetch cannot even represent (TRACE, a broken URL) gets a plain 400.
      if (!res.headersSent) res.statusCode = 400;
      res.end();
    }
  };
}
