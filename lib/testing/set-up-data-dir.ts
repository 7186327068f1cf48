import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export interface DataDirOptions {
  /** Unset SMTP_URL, so mail goes to the dev outbox in the folder (and put it back afterwards). */
  unsetSmtp?: boolean;
  /** Other environment variables the file changes, put back as they were after it. */
  restoreEnv?: string[];
}

/**
 * A data folder of the test file's own (DATA_DIR), made in a beforeAll hook and removed in an
 * afterAll hook, with DATA_DIR (and SMTP_URL with `unsetSmtp`, and `restoreEnv`) then set back as
 * they were. Mail sent without SMTP_URL lands in that folder's dev outbox, where a test reads what
 * was sent. Hooks registered after this call run once the folder is there and (afterAll) before it
 * goes: call it before setting up what writes into it (setUpTestDatabase, suiteHub).
 */
export function setUpDataDir(prefix: string, { unsetSmtp = false, restoreEnv = [] }: DataDirOptions = {}): void {
  const restored = ['DATA_DIR', ...(unsetSmtp ? ['SMTP_URL'] : []), ...restoreEnv];
  const previousEnv = new Map(restored.map((name) => [name, process.env[name]]));
  let dataDir: string | undefined;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    process.env.DATA_DIR = dataDir;
    if (unsetSmtp) delete process.env.SMTP_URL;
  });
  afterAll(() => {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    for (const [name, value] of previousEnv) {
      // Assigning undefined would leave the string "undefined".
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}
