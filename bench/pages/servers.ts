// The two servers the page benchmark measures: the real app started as the e2e suite starts it
// (from a private copy of the work tree, built there), and an empty Next.js App Router app built with the
// very same installed Next.js, React and React DOM, in a temp folder outside the repository.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SITE_HEADERS } from '../../lib/security/site-headers';
import { Children, freePort, portIsFree, tail, waitFor200, withTimeout } from './processes';

export interface RunningServer {
  origin: string;
  /** The hub's DATA_DIR (its dev outbox lives there); unset for the empty app. */
  dataDir?: string;
}

export const HUB_PORT = Number(process.env.BENCH_PAGES_PORT ?? 3500);

/**
 * A private copy of the work tree (tracked and untracked files, not ignored ones; node_modules
 * hard-linked), so that the hub is built into its own .next: an e2e run or an `npm start` in the
 * work tree can neither rebuild the app under the benchmark nor be broken by its build.
 */
function snapshotWorkTree(children: Children, repoRoot: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'page-bench-app-'));
  children.onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 })
    .toString()
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    const from = path.join(repoRoot, file);
    const to = path.join(dir, file);
    const stat = fs.lstatSync(from, { throwIfNoEntry: false });
    if (!stat || stat.isDirectory()) continue; // deleted in the work tree, or a submodule
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (stat.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
    else fs.copyFileSync(from, to);
  }
  // Hard links: instant, no space, and Turbopack finds node_modules inside the project.
  execFileSync('cp', ['-al', path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules')]);
  return dir;
}

/**
 * `node --import ./lib/runtime/register.mjs scripts/start.ts` with a fresh DATA_DIR and the demo
 * data, as the e2e suite starts it, in a copy of the work tree (it builds there first).
 */
export async function startHub(children: Children, repoRoot: string, logDir: string, timeoutMs: number): Promise<RunningServer> {
  if (!(await portIsFree(HUB_PORT))) throw new Error(`Port ${HUB_PORT} is in use: stop what listens there (or set BENCH_PAGES_PORT)`);
  const origin = `http://localhost:${HUB_PORT}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'page-bench-data-'));
  children.onCleanup(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const appDir = snapshotWorkTree(children, repoRoot);
  const hub = children.spawn('the hub (scripts/start.ts)', process.execPath, ['--import', './lib/runtime/register.mjs', 'scripts/start.ts'], {
    cwd: appDir,
    log: path.join(logDir, 'hub.log'),
    env: {
      ...process.env,
      PORT: String(HUB_PORT),
      HOST: '127.0.0.1',
      PUBLIC_URL: origin,
      DATA_DIR: dataDir,
      DEMO_DATA: '1',
      DATABASE_URL: '',
      SMTP_URL: '',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  await waitFor200(`${origin}/api/health`, hub, timeoutMs);
  return { origin, dataDir };
}

const LAYOUT = `import type { Metadata } from 'next';
import type { ReactNode } from 'react';

export const metadata: Metadata = { title: 'Empty page', description: 'An empty Next.js App Router page, the budget reference.' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`;

const PAGE = `export default function Page() {
  return <h1>Empty page</h1>;
}
`;

/**
 * The same page under a second path that answers with the hub's own security headers
 * (lib/security/site-headers.ts, those of every page measured here): a reference that tells what
 * those headers cost the browser from what the hub's pages cost. No target is measured against it.
 */
export const EMPTY_WITH_SITE_HEADERS_PATH = '/with-site-headers';

function commonAncestor(a: string, b: string): string {
  const left = path.resolve(a).split(path.sep);
  const right = path.resolve(b).split(path.sep);
  let i = 0;
  while (i < left.length && i < right.length && left[i] === right[i]) i++;
  return left.slice(0, i).join(path.sep) || path.sep;
}

const installedVersion = (repoRoot: string, name: string) => JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')).version as string;

/**
 * Writes the empty app (a layout and a page with one h1, and the same page at
 * EMPTY_WITH_SITE_HEADERS_PATH with the hub's headers), builds it with the repository's own `next`
 * (node_modules is a symlink to the repository's: nothing is downloaded), and starts it
 * with `next start` on a free loopback port.
 */
export async function buildAndStartEmptyApp(children: Children, repoRoot: string, logDir: string, timeoutMs: number): Promise<RunningServer & { nextVersion: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'page-bench-empty-next-'));
  children.onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  const versions = Object.fromEntries(['next', 'react', 'react-dom'].map((name) => [name, installedVersion(repoRoot, name)]));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'empty-next-app', private: true, type: 'module', dependencies: versions }, null, 2));
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  // Turbopack compiles only files under its root; node_modules resolves into the repository.
  const headers = [{ source: EMPTY_WITH_SITE_HEADERS_PATH, headers: SITE_HEADERS }];
  fs.writeFileSync(
    path.join(dir, 'next.config.mjs'),
    `export default { turbopack: { root: ${JSON.stringify(commonAncestor(dir, repoRoot))} }, headers: async () => ${JSON.stringify(headers)} };\n`,
  );
  fs.mkdirSync(path.join(dir, 'app', EMPTY_WITH_SITE_HEADERS_PATH.slice(1)), { recursive: true });
  fs.writeFileSync(path.join(dir, 'app', 'layout.tsx'), LAYOUT);
  fs.writeFileSync(path.join(dir, 'app', 'page.tsx'), PAGE);
  fs.writeFileSync(path.join(dir, 'app', EMPTY_WITH_SITE_HEADERS_PATH.slice(1), 'page.tsx'), PAGE);

  const nextBin = path.join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
  const log = path.join(logDir, 'empty-app.log');
  const build = children.spawn('next build (empty app)', process.execPath, [nextBin, 'build'], { cwd: dir, env, log });
  const code = await withTimeout(build.exited, timeoutMs, 'next build of the empty app');
  if (code !== 0) throw new Error(`next build of the empty app failed (${code}); see ${log}:\n${tail(log)}`);

  const port = await freePort();
  const server = children.spawn('next start (empty app)', process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: dir, env, log });
  const origin = `http://127.0.0.1:${port}`;
  await waitFor200(`${origin}/`, server, 60_000);
  return { origin, nextVersion: versions.next };
}
