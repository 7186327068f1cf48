import 'server-only';
import type http from 'node:http';

const PROTECTIONS = "x-content-type-options: nosniff\r\nx-frame-options: DENY\r\ncontent-security-policy: default-src 'none'; frame-ancestors 'none'\r\ncache-control: no-store";

/** What Node's parser refuses, as the answer says it (in both of the site's languages: no page has read the request's). */
const REFUSED: Record<string, { status: string; text: string }> = {
  HPE_HEADER_OVERFLOW: { status: '431 Request Header Fields Too Large', text: 'The request was too large. / La solicitud era demasiado grande.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: '408 Request Timeout', text: 'The request took too long to arrive. / La solicitud tardó demasiado en llegar.' },
};
const UNREADABLE = { status: '400 Bad Request', text: 'The request could not be read. / No se pudo leer la solicitud.' };

/**
 * A request Node's HTTP parser cannot take (headers or an address over 16 kB, bytes that are not
 * HTTP, one that never finished arriving) gets an answer with the site's protections and a line
 * of text in both languages, instead of Node's bare status line.
 */
export function answerClientErrors(server: http.Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, text } = REFUSED[error.code ?? ''] ?? UNREADABLE;
    const body = `${text}\n`;
    socket.end(`HTTP/1.1 ${status}\r\ncontent-type: text/plain; charset=utf-8\r\n${PROTECTIONS}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
}
