import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, resolveRelativeDate, type CalendarDate } from '@/lib/calendar';
import { apps, authorities, enrollmentSpans, fhirResources, members, representatives, staff } from '@/lib/db/schema';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { loadDemoData } from './load-demo-data';

const TODAY = '2026-11-23' as CalendarDate;
const database = setUpTestDatabase({ demoData: false });

const count = async (table: Parameters<typeof database.db.select>[0] extends never ? never : any) =>
  (await database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n;

describe('loadDemoData', () => {
  it('loads every fixture into an empty database', async () => {
    expect(await loadDemoData(database.db, TODAY)).toEqual({ loaded: true });
    expect(await count(members)).toBe(17);
    expect(await count(representatives)).toBe(6);
    expect(await count(authorities)).toBe(7);
    expect(await count(staff)).toBe(3);
    expect(await count(apps)).toBe(6);
    expect(await count(fhirResources)).toBeGreaterThan(500);
  });

  it('resolves relative dates on the given day', async () => {
    const [kevinSpan] = await database.db.select().from(enrollmentSpans).where(eq(enrollmentSpans.memberId, '100000000002'));
    expect(kevinSpan.start).toBe(addDays(TODAY, -3));
    const [robertSpan] = await database.db.select().from(enrollmentSpans).where(eq(enrollmentSpans.memberId, '100000000006'));
    expect(robertSpan.end).toBe(resolveRelativeDate('today-P1Y', TODAY));
    const [harold] = await database.db.select().from(members).where(eq(members.memberId, '100000000008'));
    expect(harold.deceasedDate).toBe(addDays(TODAY, -40));
  });

  it('stores staff passwords and client secrets only as hashes', async () => {
    for (const row of await database.db.select().from(staff)) {
      expect(row.passwordHash).toMatch(/^scrypt\$/);
      expect(row.passwordHash).not.toContain('demo-');
    }
    const [carecompass] = await database.db.select().from(apps).where(eq(apps.id, 'carecompass'));
    expect(carecompass.clientSecretHash).toMatch(/^sha256\./);
    expect(carecompass.clientSecretHash).not.toContain('carecompass-demo-secret');
  });

  it('is idempotent', async () => {
    const before = await count(fhirResources);
    expect(await loadDemoData(database.db, TODAY)).toEqual({ loaded: false });
    expect(await count(members)).toBe(17);
    expect(await count(fhirResources)).toBe(before);
  });

  it('keeps pre-2016 source claims for Maria in the store (the API must filter them)', async () => {
    const [maria] = await database.db.select().from(members).where(eq(members.memberId, '100000000001'));
    const [{ n }] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(fhirResources)
      .where(sql`${fhirResources.patientId} = ${maria.patientId} and ${fhirResources.serviceDate} < '2016-01-01'`);
    expect(n).toBeGreaterThan(0);
  });
});
