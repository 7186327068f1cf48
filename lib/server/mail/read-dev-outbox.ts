import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { devOutboxDir, type DevOutboxMessage } from './write-dev-outbox';

/** The messages "sent" to the dev outbox, newest first (the demo's /dev/outbox page and tests). */
export async function readDevOutbox(): Promise<{ to: string; subject: string; text: string; sentAt: string }[]> {
  const dir = devOutboxDir();
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((name) => name.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const messages = await Promise.all(
    names.map(async (name) => JSON.parse(await fs.readFile(path.join(dir, name), 'utf8')) as DevOutboxMessage),
  );
  return messages
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt))
    .map(({ to, subject, text, sentAt }) => ({ to, subject, text, sentAt }));
}
