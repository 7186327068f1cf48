import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Fault: the server restarts between "Verify identity" and "Confirm code". The first app process
// verifies Maria and sends her code, then is killed outright (SIGKILL: a crash, no clean shutdown);
// a new process on the same data directory picks the flow up. She types the code she was sent and
// goes on to choose what to share, retyping nothing. When the code expired meanwhile, she asks
// for a new one on the same page; her verified details are still there.
// (The same restart under a real browser and the Next.js app: e2e/server-restart.spec.ts.)
const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-restart-'));
const EMAIL = 'maria.santos@members.example';
afterAll(() => fs.rmSync(DATA_DIR, { recursive: true, force: true }));

interface Life {
  line: Promise<Record<string, unknown>>;
  kill(): Promise<void>;
}

/** One life of the app process (lib/server/faults/testing/restart-step.ts). */
function live(args: string[], env: Record<string, string> = {}): Life {
  const child = spawn(process.execPath, ['--import', './lib/runtime/register.mjs', 'lib/server/faults/testing/restart-step.ts', ...args], {
    env: { ...process.env, DATA_DIR, DATABASE_URL: '', SMTP_URL: '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = new Promise<Record<string, unknown>>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no answer within 80 s: ${stderr.slice(-1000)}`));
    }, 80_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const json = stdout.split('\n').find((l) => l.startsWith('{'));
      if (json) {
        clearTimeout(timer);
        resolve(JSON.parse(json));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!stdout.includes('{')) reject(new Error(`the process exited (${code}) without an answer: ${stderr.slice(-1000)}`));
    });
  });
  return {
    line,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** The newest code in the dev outbox (DATA_DIR/outbox) for this address. */
function newestCode(): string {
  const dir = path.join(DATA_DIR, 'outbox');
  const messages = fs
    .readdirSync(dir)
    .map((f) => ({ file: path.join(dir, f), mtime: fs.statSync(path.join(dir, f)).mtimeMs }))
    .filter((m) => m.file.endsWith('.json'))
    .sort((a, b) => b.mtime - a.mtime)
    .map((m) => JSON.parse(fs.readFileSync(m.file, 'utf8')) as { to: string; text: string })
    .filter((m) => m.to === EMAIL && /\b\d{6}\b/.test(m.text));
  return /\b(\d{6})\b/.exec(messages[0].text)![1];
}

const minutesLater = (minutes: number) => ({ CLOCK_OFFSET_DAYS: String((minutes * 60) / 86_400) });

describe('fault: the server restarts between "Verify identity" and "Confirm code"', () => {
  it('within the ten minutes, the code sent before the crash still works after it', { timeout: 150_000 }, async () => {
    // First life: verified, code sent; then a crash.
    const first = live(['verify']);
    const before = await first.line;
    await first.kill();
    expect(before).toMatchObject({ step: 'code', sent: true });
    // Second life: the flow and her verified details are there; she types the code and goes on.
    const done = await live(['confirm', String(before.flowId), newestCode()]).line;
    expect(done).toMatchObject({ found: true, maskedEmail: expect.stringContaining('@'), result: { ok: true }, step: 'approve' });
  });

  it('when the code expired meanwhile, she asks for a new one on the same page, retyping nothing', { timeout: 150_000 }, async () => {
    // Twenty minutes on (past the first test's one-send-a-minute limit), verified and a code sent; a crash.
    const first = live(['verify'], minutesLater(20));
    const before = await first.line;
    await first.kill();
    expect(before).toMatchObject({ step: 'code', sent: true });
    const flowId = String(before.flowId);
    const code = newestCode();
    // Eleven minutes later the new process has her flow, and tells her the code expired…
    const late = await live(['confirm', flowId, code], minutesLater(31)).line;
    // …and sends her a new one when she asks (her details are still there); she goes on with it.
    expect(late).toMatchObject({ found: true, result: { ok: false, reason: 'expired' }, resent: true });
    const done = await live(['confirm', flowId, newestCode()], minutesLater(31)).line;
    expect(done).toMatchObject({ found: true, result: { ok: true }, step: 'approve' });
  });
});
