import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A hub of a spec's own (scripts/start.ts, the demo data, the dev outbox) on its own port and data
 * directory, beside the suite's server: for journeys that crash the process, or that must share no
 * member's state (a code's resend wait, a session) with the other specs.
 */
export class OwnHub {
  readonly base: string;
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-e2e-own-'));
  readonly outboxDir = path.join(this.dataDir, 'outbox');
  private child: ChildProcess | null = null;

  constructor(private readonly port: number) {
    this.base = `http://localhost:${port}`;
  }

  /** One life of the hub on this data directory; resolves once /api/health answers. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', './lib/runtime/register.mjs', 'scripts/start.ts'], {
      env: { ...process.env, PORT: String(this.port), PUBLIC_URL: this.base, DATA_DIR: this.dataDir, DEMO_DATA: '1', DATABASE_URL: '', SMTP_URL: '' },
      stdio: 'ignore',
    });
    this.child = child;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the hub exited (${child.exitCode}) before it answered`);
      const ok = await fetch(`${this.base}/api/health`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    child.kill('SIGKILL');
    throw new Error('the hub did not answer within 120 s');
  }

  /** Ends the process outright (SIGKILL: a crash, no clean shutdown); the data directory stays. */
  crash(): Promise<void> {
    const child = this.child;
    return new Promise((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** Ends the process and removes its data directory. */
  async remove(): Promise<void> {
    await this.crash();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
