import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';

export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? 'test-results/e2e-data';

interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  file: string;
  mtime: number;
}

/** The e2e server's dev outbox (mail written to DATA_DIR/outbox when no SMTP_URL is set). */
const E2E_OUTBOX = path.join(E2E_DATA_DIR, 'outbox');

/** A dev outbox's messages (the e2e server's unless another hub's is named), newest first. */
export function outboxMessages(to?: string, dir = E2E_OUTBOX): OutboxMessage[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => {
      const full = path.join(dir, file);
      const message = JSON.parse(fs.readFileSync(full, 'utf8'));
      return { to: message.to, subject: message.subject, text: message.text, file: full, mtime: fs.statSync(full).mtimeMs };
    })
    .filter((m) => !to || m.to === to)
    .sort((a, b) => b.mtime - a.mtime);
}

/** Waits for a new code email to this address and returns the 6-digit code in it. */
export async function waitForCode(to: string, after: number, timeoutMs = 15_000, dir: string = E2E_OUTBOX): Promise<{ code: string; message: OutboxMessage }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const message = outboxMessages(to, dir).find((m) => m.mtime >= after && /\b\d{6}\b/.test(m.text));
    if (message) return { code: /\b(\d{6})\b/.exec(message.text)![1], message };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`No code email for ${to}`);
}

/** An email to this address whose subject matches, sent at or after `since` (ms). */
export async function waitForMail(to: string, subject: RegExp, since: number): Promise<OutboxMessage> {
  let found: OutboxMessage | undefined;
  await expect.poll(() => (found = outboxMessages(to).find((m) => m.mtime >= since && subject.test(m.subject))), { timeout: 15_000 }).toBeTruthy();
  return found!;
}
