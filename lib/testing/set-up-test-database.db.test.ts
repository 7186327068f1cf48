import fs from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type CalendarDate } from '@/lib/calendar';
import { enrollmentSpans } from '@/lib/db/schema';
import { rowsOf } from './test-database';
import { setUpDataDir } from './set-up-data-dir';
import { setUpTestDatabase } from './set-up-test-database';

const TODAY = '2026-11-23' as CalendarDate;
const readError = (read: () => unknown) => {
  try {
    read();
    return null;
  } catch (error) {
    return error;
  }
};
const selectOne = async () => rowsOf<{ one: number }>(await database.db.execute(sql`select 1 as one`))[0].one;

// Registered above the call: runs before the database opens, and after it closes.
let readAboveTheCall: unknown;
beforeAll(() => {
  readAboveTheCall = readError(() => database.engine);
});
afterAll(async () => {
  await expect(selectOne()).rejects.toThrow();
});

// The data folder: registered above setUpDataDir, this runs once it has removed the folder.
const dataDirBefore = process.env.DATA_DIR;
let dataDirInTests: string | undefined;
afterAll(() => {
  expect(process.env.DATA_DIR).toBe(dataDirBefore);
  expect(fs.existsSync(dataDirInTests!)).toBe(false);
});
setUpDataDir('hub-set-up-test-', { unsetSmtp: true });

const database = setUpTestDatabase({ today: TODAY });
const readWhileLoading = readError(() => database.db);

// Registered below the call: runs once the data is loaded, and before the database closes.
let openBelowTheCall = false;
beforeAll(async () => {
  openBelowTheCall = (await selectOne()) === 1;
});
afterAll(async () => {
  expect(await selectOne()).toBe(1);
});

describe('setUpTestDatabase', () => {
  it('refuses to be read before its hook has opened the database', () => {
    expect(readWhileLoading).toBeInstanceOf(Error);
    expect(String(readWhileLoading)).toMatch(/opened in a beforeAll hook/);
    expect(readAboveTheCall).toBeInstanceOf(Error);
  });

  it('opens the database before the hooks registered below it, on the engine asked for', () => {
    expect(openBelowTheCall).toBe(true);
    expect(database.engine).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
  });

  it('gives the file a data folder of its own, with mail to its dev outbox', () => {
    dataDirInTests = process.env.DATA_DIR;
    expect(dataDirInTests).toContain('hub-set-up-test-');
    expect(dataDirInTests).not.toBe(dataDirBefore);
    expect(fs.existsSync(dataDirInTests!)).toBe(true);
    expect(process.env.SMTP_URL).toBeUndefined();
  });

  it('loads the demo data on the given day', async () => {
    const [kevinSpan] = await database.db.select().from(enrollmentSpans).where(eq(enrollmentSpans.memberId, '100000000002'));
    expect(kevinSpan.start).toBe(addDays(TODAY, -3));
  });
});
