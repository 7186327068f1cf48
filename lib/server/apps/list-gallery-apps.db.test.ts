import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CalendarDate } from '@/lib/calendar';
import { apps } from '@/lib/db/schema';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { foldForSearch, galleryLastUpdated, listGalleryApps } from './list-gallery-apps';

const TODAY = '2026-11-23' as CalendarDate;
const database = setUpTestDatabase({ today: TODAY });

beforeAll(async () => {
  await database.db.insert(apps).values({
    id: 'salud-facil',
    clientId: 'salud-facil',
    name: 'Salud Fácil',
    developer: 'Compañía Ñandú',
    summary: 'Sus reclamos en español.',
    clientType: 'public',
    redirectUris: ['https://salud.example/cb'],
    scopes: 'launch/patient openid',
    status: 'approved',
    statusSince: '2025-03-01',
    privacy: {},
  });
});

const ids = async (query?: string) => (await listGalleryApps(query)).map((app) => app.id);

describe('listGalleryApps', () => {
  it('lists approved apps only, by name', async () => {
    expect(await ids()).toEqual(['blue-button-explorer', 'carecompass', 'medtrack-rx', 'open-notes', 'salud-facil']);
  });

  it('never lists suspended or pending apps, whatever the search', async () => {
    for (const query of [undefined, '', 'QuickClaims', 'QC Apps', 'WellPath', 'Coming soon']) {
      const listed = await ids(query);
      expect(listed).not.toContain('quickclaims');
      expect(listed).not.toContain('wellpath-beta');
    }
  });

  it('says whether each app has a privacy policy', async () => {
    const listed = await listGalleryApps();
    expect(listed.find((app) => app.id === 'open-notes')).toEqual({
      id: 'open-notes',
      name: 'Open Notes Journal',
      developer: 'Open Notes Collective',
      summary: 'A free journal for your health history.',
      hasPrivacyPolicy: false,
    });
    expect(listed.find((app) => app.id === 'medtrack-rx')?.hasPrivacyPolicy).toBe(true);
  });

  it('finds an app by name, developer or summary, ignoring case', async () => {
    expect(await ids('medtrack')).toEqual(['medtrack-rx']);
    expect(await ids('compass health data')).toEqual(['carecompass']);
    expect(await ids('CAREGIVER')).toEqual(['carecompass']);
    expect(await ids('  journal   free ')).toEqual(['open-notes']);
  });

  it('ignores accents in the search and in the apps', async () => {
    expect(await ids('MÉDTRÁCK')).toEqual(['medtrack-rx']);
    expect(await ids('salud facil')).toEqual(['salud-facil']);
    expect(await ids('compania nandu')).toEqual(['salud-facil']);
    expect(await ids('Compañía')).toEqual(['salud-facil']);
    expect(await ids('espanol')).toEqual(['salud-facil']);
  });

  it('needs every word to match, and finds nothing when nothing matches', async () => {
    expect(await ids('medtrack caregiver')).toEqual([]);
    expect(await ids('zzz-no-such-app')).toEqual([]);
  });
});

describe('galleryLastUpdated', () => {
  it('is the latest approval or suspension, not a pending request', async () => {
    // QuickClaims was suspended on 2026-10-30 (it left the list); WellPath's 2026-11-10 request is still pending.
    expect(await galleryLastUpdated()).toBe('2026-10-30');
  });

  it('counts an approved app changing its privacy answers, on the payer’s calendar day', async () => {
    // 03:30 UTC on November 2 is still November 1 in Boston.
    await database.db.update(apps).set({ privacyUpdatedAt: new Date('2026-11-02T03:30:00Z') }).where(eq(apps.id, 'medtrack-rx'));
    expect(await galleryLastUpdated()).toBe('2026-11-01');
  });

  it('ignores privacy changes of apps that are not listed', async () => {
    await database.db.update(apps).set({ privacyUpdatedAt: new Date('2026-11-20T15:00:00Z') }).where(eq(apps.id, 'wellpath-beta'));
    expect(await galleryLastUpdated()).toBe('2026-11-01');
  });
});

describe('foldForSearch', () => {
  it('drops case and accents', () => {
    expect(foldForSearch('Ñandú ÉLAN Über')).toBe('nandu elan uber');
  });
});
