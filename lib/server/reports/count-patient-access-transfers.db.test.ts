import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { accessLog, consentGrants } from '@/lib/db/schema';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { countPatientAccessTransfers } from './count-patient-access-transfers';

const database = setUpTestDatabase();

const MARIA = '100000000001';
const LINH = '100000000005';
const SAMUEL = '100000000015';
const FATIMA = '100000000016';
const EMMA = '100000000009';

async function grant(memberId: string, appId: string, representativeId: string | null = null): Promise<string> {
  const id = randomUUID();
  await database.db.insert(consentGrants).values({
    id,
    memberId,
    appId,
    approvedByKind: representativeId ? 'representative' : 'member',
    representativeId,
    scopes: 'patient/*.rs',
    categories: ['personal'],
    dataWindowStart: '2016-01-01',
    duration: '1y',
    expiresAt: new Date('2030-01-01T00:00:00Z'),
    createdAt: new Date('2025-01-01T00:00:00Z'),
  });
  return id;
}

/** One read by the app under a grant at an instant, returning `count` records. */
const read = (grantId: string, at: string, count = 3, resourceType = 'ExplanationOfBenefit') => database.db.insert(accessLog).values({ grantId, at: new Date(at), resourceType, interaction: 'search', count });

describe('CMS-0057-F Patient Access API metrics', () => {
  it('count unique members with data transferred, and more than once, for the year and per app, from a known history', async () => {
    const mariaExplorer = await grant(MARIA, 'blue-button-explorer');
    const mariaCompass = await grant(MARIA, 'carecompass');
    const linh = await grant(LINH, 'blue-button-explorer');
    const samuel = await grant(SAMUEL, 'carecompass');
    const fatima = await grant(FATIMA, 'medtrack-rx');
    const emmaByParent = await grant(EMMA, 'medtrack-rx', 'R-0002');

    // Maria: Explorer on two days of 2026 (more than once); CareCompass on one of those days (once for that app).
    await read(mariaExplorer, '2026-03-02T14:00:00Z');
    await read(mariaExplorer, '2026-03-02T14:00:05Z', 50); // the next page, same sitting
    await read(mariaExplorer, '2026-07-19T12:00:00Z');
    await read(mariaCompass, '2026-07-19T15:00:00Z');
    // Linh: many reads on one day (once; her Coverage on another day, below, makes it more than once).
    for (let i = 0; i < 6; i += 1) await read(linh, `2026-05-05T1${i}:00:00Z`);
    // Samuel: reads that returned nothing transfer no data, and 2025 is another year.
    await read(samuel, '2026-02-01T10:00:00Z', 0);
    await read(samuel, '2025-12-31T20:00:00Z');
    // Fatima: 23:30 on New Year's Eve in Boston is still 2026 (04:30 UTC on 2027-01-01), then 2027.
    await read(fatima, '2027-01-01T04:30:00Z');
    await read(fatima, '2027-01-01T05:30:00Z');
    // Samuel again: the plan's drug list, providers and organizations are no member's data.
    for (const type of ['MedicationKnowledge', 'Organization', 'Practitioner']) await read(samuel, '2026-04-01T10:00:00Z', 20, type);
    // Linh's Coverage (her own data) on a second day: more than once.
    await read(linh, '2026-06-01T10:00:00Z', 1, 'Coverage');
    // Emma, through her parent: counts for Emma, on two days.
    await read(emmaByParent, '2026-09-01T16:00:00Z');
    await read(emmaByParent, '2026-09-02T16:00:00Z');

    const metrics = await countPatientAccessTransfers(2026);
    expect(metrics).toMatchObject({ year: 2026, members: 4, membersMoreThanOnce: 3 });
    expect(metrics.perApp).toEqual([
      { appId: 'blue-button-explorer', appName: 'Blue Button Explorer', members: 2, membersMoreThanOnce: 2 },
      { appId: 'medtrack-rx', appName: 'MedTrack Rx', members: 2, membersMoreThanOnce: 1 },
      { appId: 'carecompass', appName: 'CareCompass', members: 1, membersMoreThanOnce: 0 },
    ]);

    expect(await countPatientAccessTransfers(2025)).toMatchObject({ members: 1, membersMoreThanOnce: 0, perApp: [{ appId: 'carecompass', members: 1 }] });
    expect(await countPatientAccessTransfers(2027)).toMatchObject({ members: 1, membersMoreThanOnce: 0 });
    expect(await countPatientAccessTransfers(2024)).toEqual({ year: 2024, members: 0, membersMoreThanOnce: 0, perApp: [] });
  });
});
