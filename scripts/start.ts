// `npm start`: refuse early if another process holds the data directory, build when the
// sources are newer than the last build, then run the server (migrations and demo data included).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DataDirLockedError, lockDataDir } from '@/lib/db/data-dir-lock';
import { appConfig } from '@/lib/server/config/app-config';
import { buildIsStale, markBuiltFrom } from './build-is-stale';

async function main() {
  const config = appConfig();
  if (!config.databaseUrl) {
    try {
      // Taken before building, so a second `npm start` never rebuilds under a running server.
      lockDataDir(config.dataDir);
    } catch (error) {
      if (error instanceof DataDirLockedError) {
        console.error(`\n${error.message}\n`);
        process.exit(1);
      }
      throw error;
    }
  }
  if (buildIsStale(process.cwd())) {
    console.log('Building the app (first start, or the sources changed)…');
    const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
    const startedAt = new Date();
    const result = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (result.status !== 0) process.exit(result.status ?? 1);
    markBuiltFrom(process.cwd(), startedAt);
  }
  if (!fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) throw new Error('The build did not produce .next/BUILD_ID');
  (process.env as Record<string, string>).NODE_ENV = 'production';
  const { startServer } = await import('../server');
  const server = await startServer({ dev: false });
  const stop = () => {
    server.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
