import { afterAll, beforeAll } from 'vitest';
import type { CalendarDate } from '@/lib/calendar';
import type { Db } from '@/lib/db/client';
import { loadDemoData } from '@/lib/server/demo/load-demo-data';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import { openTestDatabase } from './test-database';

/**
 * The test file's own database (see openTestDatabase), opened with the demo data loaded on `today`
 * in a beforeAll hook and closed in an afterAll hook that this registers, so that database test
 * files do not each repeat that setup. Its `db` and `engine` read the open database; reading them
 * before the hook ran (while the file loads, say) throws. It lives apart from test-database.ts
 * because importing vitest outside a test run throws, and the bench imports rowsOf from there.
 *
 * Vitest runs beforeAll hooks in the order they were registered and afterAll hooks in reverse, so
 * hooks registered above the call run before the database opens and after it closes, and hooks
 * registered below it run once the data is loaded and before the database closes.
 */
export function setUpTestDatabase({ demoData = true, today, settleMail = false }: { demoData?: boolean; today?: CalendarDate; settleMail?: boolean } = {}) {
  let handle: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  beforeAll(async () => {
    handle = await openTestDatabase();
    if (demoData) await loadDemoData(handle.db, today);
  }, 120_000);
  afterAll(async () => handle?.close());
  // With `settleMail`, mail the tests left on its way is delivered (or failed) before the database
  // it records that in closes: registered after the close, so it runs before it.
  if (settleMail) afterAll(() => settleMailDeliveries());

  const opened = () => {
    if (!handle) throw new Error('The test database is opened in a beforeAll hook: read it in a hook or a test, not while the file loads.');
    return handle;
  };
  return {
    get db(): Db {
      return opened().db;
    },
    get engine(): 'pglite' | 'postgres' {
      return opened().engine;
    },
  };
}

