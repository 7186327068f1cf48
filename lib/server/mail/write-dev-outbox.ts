import 'server-only';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { appConfig } from '@/lib/server/config/app-config';
import type { OutgoingMail } from './mail-transport';

export type DevOutboxMessage = { to: string; subject: string; text: string; html: string; sentAt: string };

export function devOutboxDir(): string {
  return path.join(appConfig().dataDir, 'outbox');
}

/** With no SMTP_URL, "sending" writes the message here, where /dev/outbox (demo mode) shows it. */
export async function writeDevOutbox(mail: OutgoingMail, sentAt: Date): Promise<void> {
  const dir = devOutboxDir();
  await fs.mkdir(dir, { recursive: true });
  const message: DevOutboxMessage = { to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, sentAt: sentAt.toISOString() };
  const name = `${sentAt.toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.json`;
  // Written aside and renamed, so a reader never sees half a message.
  const partial = path.join(dir, `.${name}.partial`);
  await fs.writeFile(partial, JSON.stringify(message, null, 2), { encoding: 'utf8', mode: 0o600 });
  await fs.rename(partial, path.join(dir, name));
}
