// Child processes of the page benchmark: each one starts in its own process group so that it and
// everything it spawned (a `next build`, a Chromium) can be ended together, by id, at the end.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export interface Child {
  name: string;
  process: ChildProcess;
  log: string;
  exited: Promise<number | null>;
}

export class Children {
  private readonly children: Child[] = [];
  private readonly cleanups: Array<() => Promise<void> | void> = [];
  /** Set by stopAll: whatever still runs after a timeout must not start anything new. */
  private stopped = false;

  /** Spawns `command` in a new process group, its output appended to `log`. */
  spawn(name: string, command: string, args: string[], options: SpawnOptions & { log: string }): Child {
    if (this.stopped) throw new Error(`Not starting ${name}: the page benchmark is stopping`);
    const out = fs.openSync(options.log, 'a');
    const proc = spawn(command, args, { ...options, detached: true, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    const exited = new Promise<number | null>((resolve) => {
      proc.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null)));
      proc.once('error', () => resolve(-1));
    });
    const child = { name, process: proc, log: options.log, exited };
    this.children.push(child);
    return child;
  }

  /** Something else to undo at the end (a browser, a temp folder). Run last added, first. */
  onCleanup(fn: () => Promise<void> | void) {
    if (this.stopped) void Promise.resolve().then(fn).catch(() => {});
    else this.cleanups.push(fn);
  }

  /** Ends every child's process group (TERM, then KILL after a grace period), then runs the cleanups. */
  async stopAll(graceMs = 5_000): Promise<void> {
    this.stopped = true;
    const running = this.children.splice(0).filter((c) => c.process.exitCode === null && c.process.signalCode === null);
    for (const child of running) signalGroup(child, 'SIGTERM');
    await Promise.race([Promise.all(running.map((c) => c.exited)), sleep(graceMs)]);
    // The group may outlive its leader (a build worker): KILL the whole group whatever happened.
    for (const child of running) signalGroup(child, 'SIGKILL');
    for (const fn of this.cleanups.splice(0).reverse()) {
      try {
        await withTimeout(Promise.resolve(fn()), 10_000, 'cleanup');
      } catch {
        // keep going: the rest must still be cleaned up
      }
    }
  }
}

function signalGroup(child: Child, signal: NodeJS.Signals) {
  if (!child.process.pid) return;
  try {
    process.kill(-child.process.pid, signal);
  } catch {
    // already gone
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export async function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${label}: no result after ${Math.round(ms / 1000)} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Polls `url` until it answers 200, the child exits, or `ms` pass. */
export async function waitFor200(url: string, child: Child, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  let exitCode: number | null | undefined;
  void child.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${child.name} exited (${exitCode}) before ${url} answered; see ${child.log}:\n${tail(child.log)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`${url} did not answer 200 within ${Math.round(ms / 1000)} s; see ${child.log}:\n${tail(child.log)}`);
}

export function tail(file: string, lines = 25): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
