import 'server-only';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  /** The whole message with quoted-printable undone, for "does it contain..." checks. */
  decoded: string;
}

/**
 * A real SMTP server on 127.0.0.1 (a free port, or the one given: a restart) that keeps what it receives: the one seam where
 * tests meet mail, exercising the same nodemailer path production uses. `beforeAccepting` runs as
 * each message arrives, before the server says it has it (a test's window inside a send).
 */
export async function startTestSmtpServer({ port: wanted = 0, beforeAccepting }: { port?: number; beforeAccepting?: () => Promise<void> } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP: nodemailer would otherwise upgrade to TLS and refuse the server's self-signed certificate.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          decoded: decodeQuotedPrintable(Buffer.concat(chunks).toString('utf8')),
        });
        if (!beforeAccepting) return callback();
        beforeAccepting().then(() => callback(), (error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(wanted, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function decodeQuotedPrintable(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, '');
  return Buffer.from(
    joined.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}
