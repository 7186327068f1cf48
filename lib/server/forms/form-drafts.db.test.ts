import { describe, expect, it, vi } from 'vitest';
import { formDrafts } from '@/lib/db/schema';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { DRAFT_OWNER_FIELD } from '@/lib/forms/draft-owner-field';
import { draftViewerSeal, keepFormDraft, pageOfKeptForm, takeFormDraft } from './form-drafts';

// The browser's cookies and the page a form was sent from, faked at the seam server code reads them.
const jar = vi.hoisted(() => new Map<string, string>());
const page = vi.hoisted(() => ({ path: '/account/report' }));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
  headers: async () => new Headers({ 'x-pathname': page.path }),
}));

const MARIA = { kind: 'member', memberId: '100000000001' } as const;
const FATIMA = { kind: 'member', memberId: '100000000016' } as const;
const database = setUpTestDatabase({ demoData: false });

async function sentForm(viewer: typeof MARIA | typeof FATIMA | null, fields: Record<string, string>, sealed?: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (viewer || sealed) form.set(DRAFT_OWNER_FIELD, sealed ?? (await draftViewerSeal(viewer!)));
  return form;
}

const REPORT = { about: 'other', otherAppName: 'Pill Pal', kind: 'misuse', description: 'It sent my visits to an advertiser, two weeks ago.' };

describe('what was typed when the session had ended', () => {
  it('is kept for the person the page was drawn for, who is taken back to it after signing in again, once', async () => {
    jar.set('hub_browser', 'browser-one');
    expect(await keepFormDraft(await sentForm(MARIA, REPORT))).toBe(true);
    expect(await pageOfKeptForm(MARIA)).toBe('/account/report');
    expect(await takeFormDraft(MARIA, '/account/connections/x/change')).toBeNull();
    const values = await takeFormDraft(MARIA, '/account/report');
    expect(values).toMatchObject(REPORT);
    expect(values).not.toHaveProperty(DRAFT_OWNER_FIELD);
    expect(await takeFormDraft(MARIA, '/account/report')).toBeNull();
    expect(await pageOfKeptForm(MARIA)).toBeNull();
  });

  it('is never shown to someone else signing in on the same browser, and is then gone', async () => {
    jar.set('hub_browser', 'shared-computer');
    await keepFormDraft(await sentForm(MARIA, REPORT));
    expect(await pageOfKeptForm(FATIMA)).toBeNull();
    expect(await takeFormDraft(FATIMA, '/account/report')).toBeNull();
    expect(await pageOfKeptForm(MARIA)).toBeNull();
    expect(await takeFormDraft(MARIA, '/account/report')).toBeNull();
  });

  it('is not kept without a sealed name, for a forged one, or off the account pages', async () => {
    jar.set('hub_browser', 'browser-two');
    expect(await keepFormDraft(await sentForm(null, REPORT))).toBe(false);
    const forged = (await draftViewerSeal(MARIA)).replace('100000000001', '100000000016');
    expect(await keepFormDraft(await sentForm(null, REPORT, forged))).toBe(false);
    page.path = '/connect/abc/identity';
    expect(await keepFormDraft(await sentForm(MARIA, REPORT))).toBe(false);
    page.path = '/account/report';
    expect(await database.db.select().from(formDrafts)).toEqual([]);
    // A browser without its key yet (signing in to the account sets none) is given one.
    jar.delete('hub_browser');
    expect(await keepFormDraft(await sentForm(MARIA, REPORT))).toBe(true);
    expect(jar.get('hub_browser')).toBeTruthy();
    expect(await takeFormDraft(MARIA, '/account/report')).toMatchObject(REPORT);
  });

  it('is gone after an hour, and another browser never sees it', async () => {
    jar.set('hub_browser', 'browser-three');
    await keepFormDraft(await sentForm(MARIA, REPORT));
    jar.set('hub_browser', 'another-browser');
    expect(await pageOfKeptForm(MARIA)).toBeNull();
    jar.set('hub_browser', 'browser-three');
    process.env.CLOCK_NOW = new Date(Date.now() + 61 * 60 * 1000).toISOString();
    try {
      expect(await pageOfKeptForm(MARIA)).toBeNull();
      expect(await takeFormDraft(MARIA, '/account/report')).toBeNull();
    } finally {
      delete process.env.CLOCK_NOW;
    }
  });
});
