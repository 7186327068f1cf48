import { afterAll, beforeAll } from 'vitest';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import { setUpDataDir } from './set-up-data-dir';
import { startTestHub, type TestHub } from './test-hub';

// Migrations and the demo data on a fresh database, slowest on Postgres under a loaded CI runner.
const HUB_START_TIMEOUT_MS = 180_000;

export interface SuiteHubOptions {
  /** The start of the suite's own DATA_DIR folder name, e.g. 'hub-staff-'. */
  dataDirPrefix: string;
  /** Unset SMTP_URL so mail goes to the dev outbox in DATA_DIR (the default); false leaves SMTP_URL to the suite. */
  mailToDevOutbox?: boolean;
  /** Other environment variables the suite changes, put back as they were after it. */
  restoreEnv?: string[];
  startOptions?: Parameters<typeof startTestHub>[0];
}

export interface SuiteHub {
  /** The running hub; there from the suite's beforeAll on. */
  readonly hub: TestHub;
}

/**
 * One test hub for the whole file, in its own DATA_DIR: started in beforeAll, closed in afterAll
 * once queued mail has gone out, with the environment put back. Hooks the file registers after
 * this call run after the hub starts and (afterAll) before it closes; ones registered before it,
 * the other way round.
 */
export function suiteHub({ dataDirPrefix, mailToDevOutbox = true, restoreEnv = [], startOptions }: SuiteHubOptions): SuiteHub {
  // Registered first: the folder is there before the hub starts, and goes after it has closed.
  setUpDataDir(dataDirPrefix, { unsetSmtp: mailToDevOutbox, restoreEnv });
  let hub: TestHub | undefined;

  beforeAll(async () => {
    hub = await startTestHub(startOptions);
  }, HUB_START_TIMEOUT_MS);

  afterAll(async () => {
    await settleMailDeliveries();
    await hub?.close();
  });

  return {
    get hub() {
      if (!hub) throw new Error('The suite hub starts in beforeAll: use it inside tests and hooks, not while the file is collected.');
      return hub;
    },
  };
}
