import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '@/lib/calendar';
import { apps } from '@/lib/db/schema';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { findGalleryApp } from './find-gallery-app';

const database = setUpTestDatabase({ today: '2026-11-23' as CalendarDate });

describe('findGalleryApp', () => {
  it('finds an approved app with its links and privacy answers', async () => {
    const app = await findGalleryApp('medtrack-rx');
    expect(app).toMatchObject({
      id: 'medtrack-rx',
      name: 'MedTrack Rx',
      developer: 'MedTrack Labs, Inc.',
      website: 'https://medtrack.example',
      privacyPolicyUrl: 'https://medtrack.example/privacy',
      termsUrl: 'https://medtrack.example/terms',
    });
    expect(Object.keys(app!.privacy)).toHaveLength(15);
    expect(app!.privacy['deidentified-storage']).toEqual({ answer: 'No. Data is stored identified so we can show it to you.', flag: 'caution' });
  });

  it('finds an approved app with no privacy policy and no answers', async () => {
    expect(await findGalleryApp('open-notes')).toMatchObject({ privacyPolicyUrl: null, privacy: {} });
  });

  it('does not find suspended, pending or unknown apps', async () => {
    expect(await findGalleryApp('quickclaims')).toBeNull();
    expect(await findGalleryApp('wellpath-beta')).toBeNull();
    expect(await findGalleryApp('no-such-app')).toBeNull();
  });

  it('stops finding an app the moment it is suspended', async () => {
    await database.db.update(apps).set({ status: 'suspended', statusSince: '2026-11-23' }).where(eq(apps.id, 'carecompass'));
    expect(await findGalleryApp('carecompass')).toBeNull();
  });
});
