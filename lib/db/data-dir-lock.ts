import 'server-only';
import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The data directory ${dataDir} is already in use by another process (pid ${ownerPid}). ` +
        'The embedded database (PGlite) allows one process per data directory. ' +
        'Stop the other process, choose another DATA_DIR, or set DATABASE_URL to share a Postgres database.',
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no cross-process lock, and two writers corrupt its files. An exclusive-create
 * lock file holding our pid guards the directory; a lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'pglite.lock');
  const release = () => {
    try {
      if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    // The pid is written first and the file linked into place, so nobody ever reads a half-made lock.
    const draft = `${lockPath}.${process.pid}`;
    fs.writeFileSync(draft, String(process.pid));
    try {
      fs.linkSync(draft, lockPath);
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(draft, { force: true });
    }
    let ownerPid: number;
    try {
      ownerPid = Number(fs.readFileSync(lockPath, 'utf8').trim());
    } catch {
      continue; // released meanwhile: try again
    }
    if (ownerPid === process.pid) return () => {};
    if (Number.isInteger(ownerPid) && ownerPid > 0 && isAlive(ownerPid)) throw new DataDirLockedError(dataDir, ownerPid);
    // A dead owner's lock: move it aside atomically; only one of several contenders succeeds.
    const aside = `${lockPath}.stale.${process.pid}`;
    try {
      fs.renameSync(lockPath, aside);
      if (Number(fs.readFileSync(aside, 'utf8').trim()) !== ownerPid) {
        // Someone else already replaced the stale lock with a live one: put it back and re-check.
        try {
          fs.linkSync(aside, lockPath);
        } catch {
          // a third process took it; the next round will see its pid
        }
      }
      fs.rmSync(aside, { force: true });
    } catch {
      // another contender moved it first
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
