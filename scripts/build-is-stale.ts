import fs from 'node:fs';
import path from 'node:path';

const SOURCES = ['app', 'components', 'lib', 'public', 'next.config.ts', 'package.json', 'proxy.ts', 'postcss.config.mjs', 'tsconfig.json'];
const SKIP = new Set(['node_modules', '.next', 'data', 'migrations']);

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) {
    if (SKIP.has(child) || child.endsWith('.test.ts') || child.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** True when there is no production build, or a source file changed after it was made. */
export function buildIsStale(root: string): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > builtAt);
}

/**
 * Dates the build by when it started, not when it ended: a source saved while `next build` ran
 * may not be in the build, and must make the next start build again.
 */
export function markBuiltFrom(root: string, startedAt: Date): void {
  fs.utimesSync(path.join(root, '.next', 'BUILD_ID'), startedAt, startedAt);
}
