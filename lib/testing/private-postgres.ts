import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The newest local Postgres server binaries (PG_BIN, or Debian's /usr/lib/postgresql/<n>/bin); null when there are none. */
export function postgresBinDir(): string | null {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : fs.existsSync('/usr/lib/postgresql')
      ? fs
          .readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) ?? null;
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * A Postgres cluster that one test owns: its own data directory and port, so the test can stop,
 * start and reconfigure it without touching the shared server other tests and agents use. As root
 * the cluster runs as the `postgres` user (Postgres refuses to run as root).
 */
export async function startPrivatePostgres() {
  const bin = postgresBinDir();
  if (!bin) return null;
  const asRoot = process.getuid?.() === 0;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-private-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    fs.chownSync(dataDir, uid, gid);
  }
  const as = (command: string, args: string[]) => (asRoot ? { file: 'runuser', args: ['-u', 'postgres', '--', path.join(bin, command), ...args] } : { file: path.join(bin, command), args });
  const exec = async (command: string, args: string[], timeout = 60_000) => {
    const { file, args: all } = as(command, args);
    return run(file, all, { timeout, cwd: os.tmpdir() });
  };
  await exec('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const port = await freePort();
  // fsync off is safe here (only an operating-system crash loses unsynced pages), but commits stay
  // synchronous: the outage test stops this server the way a crash would, and a commit the hub
  // was told about must survive that, as it does on a real Postgres.
  const options = `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=60`;
  const start = () => exec('pg_ctl', ['-D', dataDir, '-l', path.join(dataDir, 'server.log'), '-w', '-t', '30', '-o', options, 'start']);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    start,
    /** `fast` ends every session (in-flight transactions roll back); `immediate` is a crash. */
    stop: (mode: 'fast' | 'immediate' = 'fast') => exec('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '30', 'stop']),
    async destroy() {
      await exec('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']).catch(() => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type PrivatePostgres = NonNullable<Awaited<ReturnType<typeof startPrivatePostgres>>>;
