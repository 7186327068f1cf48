import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL_CRITERIA, REVIEW_CRITERIA } from '@/lib/app-review-criteria';
import type { CalendarDate } from '@/lib/calendar';
import { apps, auditEvents } from '@/lib/db/schema';
import { loadMessages } from '@/lib/i18n/load-messages';
import { loadDemoData } from '@/lib/server/demo/load-demo-data';
import { openTestDatabase } from '@/lib/testing/test-database';
import { describeCriterionForMembers } from './describe-criterion';
import { findAppForReview } from './find-app-for-review';
import { findGalleryApp } from './find-gallery-app';
import { listAppsForReview } from './list-apps-for-review';
import { markPrivacyAnswers } from './mark-privacy-answers';

let database: Awaited<ReturnType<typeof openTestDatabase>>;

beforeAll(async () => {
  database = await openTestDatabase();
  await loadDemoData(database.db, '2026-11-23' as CalendarDate);
  const pending = (id: string, submittedAt: string) => ({
    id,
    clientId: id,
    name: id,
    developer: 'Dev',
    summary: 'x',
    clientType: 'public' as const,
    redirectUris: ['https://x.example/cb'],
    scopes: 'openid patient/Patient.rs',
    status: 'pending' as const,
    statusSince: '2026-11-20',
    submittedAt: new Date(submittedAt),
    privacy: {},
  });
  await database.db.insert(apps).values([pending('zz-newer', '2026-11-21T10:00:00Z'), pending('aa-older', '2026-11-01T10:00:00Z')]);
}, 120_000);
afterAll(async () => database?.close());

describe('the review queue', () => {
  it('shows the requests waiting for a decision, oldest first; all apps on request, waiting ones first', async () => {
    expect((await listAppsForReview()).map((a) => a.id)).toEqual(['aa-older', 'zz-newer', 'wellpath-beta']);
    const all = (await listAppsForReview('all')).map((a) => a.id);
    expect(all.slice(0, 3)).toEqual(['aa-older', 'zz-newer', 'wellpath-beta']);
    expect(all).toEqual(expect.arrayContaining(['medtrack-rx', 'quickclaims', 'blue-button-explorer']));
    expect(all).toHaveLength(8);
  });
});

describe('privacy marks', () => {
  it('mark answers for members without touching the developer’s words, and only answered questions', async () => {
    const { marked } = await markPrivacyAnswers({ appId: 'medtrack-rx', marks: { 'deidentified-storage': 'warning', sharing: null, use: 'ok', protection: 'ok' }, staffUsername: 'alex.admin' });
    // "use" and "protection" were already ok: only real changes count.
    expect(marked).toEqual(['sharing', 'deidentified-storage']);
    const app = await findGalleryApp('medtrack-rx');
    expect(app!.privacy['deidentified-storage']).toEqual({ answer: 'No. Data is stored identified so we can show it to you.', flag: 'warning' });
    expect(app!.privacy.sharing).toEqual({ answer: 'No sharing except our hosting provider under contract.' });
    const [audit] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'app.privacy-marked'));
    expect(audit).toMatchObject({ actorKind: 'staff', actorId: 'alex.admin', appId: 'medtrack-rx', details: { marks: { sharing: null, 'deidentified-storage': 'warning' } } });

    expect((await markPrivacyAnswers({ appId: 'open-notes', marks: { sharing: 'warning' }, staffUsername: 'alex.admin' })).marked).toEqual([]);
    expect((await findAppForReview('open-notes'))!.privacy).toEqual({});
  });
});

describe('the criteria', () => {
  it('never name the privacy answers, and every one has plain words for members in English and Spanish', () => {
    for (const criterion of REVIEW_CRITERIA) {
      expect(criterion).not.toMatch(/privacy|answer|policy/);
      for (const locale of ['en', 'es'] as const) {
        const words = describeCriterionForMembers(criterion, locale);
        expect(words, `${criterion} ${locale}`).toBeTruthy();
        const label = (loadMessages(locale).appCriteria as { label: Record<string, string> }).label[criterion];
        expect(label, `${criterion} ${locale}`).toBeTruthy();
      }
    }
    expect(REFUSAL_CRITERIA).toEqual(
      expect.arrayContaining(['credentials-exposed', 'failed-security-assessment', 'redirect-uri-not-controlled', 'unresolved-vulnerability', 'ftc-attestation-breach']),
    );
    expect(describeCriterionForMembers('failed-security-assessment', 'es')).toBe('La app no pasó nuestra revisión de seguridad.');
    expect(describeCriterionForMembers('something-else', 'en')).toBeNull();
  });
});
