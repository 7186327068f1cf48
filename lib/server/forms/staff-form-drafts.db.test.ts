import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { formDrafts } from '@/lib/db/schema';
import { DRAFT_FORM_FIELD } from '@/lib/forms/draft-owner-field';
import { runStaffAction } from '@/lib/server/actions/run-form-action';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { DRAFT_OWNER_FIELD } from '@/lib/forms/draft-owner-field';
import { draftViewerSeal, keepFormDraft, takeFormDraft } from './form-drafts';

// The browser's cookies (no staff session in them: it has ended) and the page the form was sent
// from, faked at the seam server code reads them.
const jar = vi.hoisted(() => new Map<string, string>());
const page = vi.hoisted(() => ({ path: '/staff/members/100000000001' }));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
  headers: async () => new Headers({ 'x-pathname': page.path, 'x-request-id': 'test-request' }),
}));

const CASEY = { kind: 'staff', username: 'casey.csr' } as const;
const PAT = { kind: 'staff', username: 'pat.privacy' } as const;
const MARIA = { kind: 'member', memberId: '100000000001' } as const;
const CASE = { memberId: '100000000001', kind: 'app-complaint', appId: 'carecompass', description: 'The caller says the app kept reading after she stopped it. LOST-TEXT' };

const database = setUpTestDatabase({ demoData: false });

async function sentForm(seal: string | null, fields: Record<string, string> = CASE) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (seal) form.set(DRAFT_OWNER_FIELD, seal);
  form.set(DRAFT_FORM_FIELD, 'The case was not logged');
  return form;
}

/** Where a staff action sent the browser (Next.js's redirect is thrown, with the address in its digest). */
async function redirectOf(run: Promise<unknown>): Promise<string> {
  const error = (await run.then(() => null, (e: unknown) => e)) as { digest?: string } | null;
  const match = error?.digest?.match(/^NEXT_REDIRECT;[^;]*;([^;]+);/);
  if (!match) throw new Error(`no redirect: ${String(error)}`);
  return match[1];
}

const handler = vi.fn(async () => undefined);
const logCase = async (form: FormData) => redirectOf(runStaffAction('cases:create', form, z.object({ description: z.string() }), handler));

describe('a staff form sent after the staff session ended', () => {
  it('keeps what was typed for that staff user, and sends them to sign in, back to the same page, saying so', async () => {
    jar.set('hub_browser', 'workstation-one');
    const to = await logCase(await sentForm(await draftViewerSeal(CASEY)));
    expect(to).toBe(`/staff/sign-in?callbackUrl=${encodeURIComponent('/staff/members/100000000001')}&formKept=1`);
    expect(handler).not.toHaveBeenCalled();
    // Signed in again, on the same page: the form's values, once, naming which form it was.
    const values = await takeFormDraft(CASEY, '/staff/members/100000000001');
    expect(values).toMatchObject({ ...CASE, [DRAFT_FORM_FIELD]: 'The case was not logged' });
    expect(values).not.toHaveProperty(DRAFT_OWNER_FIELD);
    expect(await takeFormDraft(CASEY, '/staff/members/100000000001')).toBeNull();
  });

  it('is never shown to another staff user signing in on the same workstation, and is then gone', async () => {
    jar.set('hub_browser', 'shared-workstation');
    await logCase(await sentForm(await draftViewerSeal(CASEY)));
    expect(await takeFormDraft(PAT, '/staff/members/100000000001')).toBeNull();
    expect(await takeFormDraft(CASEY, '/staff/members/100000000001')).toBeNull();
  });

  it('without the sealed name still returns to the page, but keeps nothing', async () => {
    jar.set('hub_browser', 'workstation-two');
    expect(await logCase(await sentForm(null))).toBe(`/staff/sign-in?callbackUrl=${encodeURIComponent('/staff/members/100000000001')}`);
    expect(await database.db.select().from(formDrafts)).toEqual([]);
  });

  it("is kept only from the owner's own area: a staff seal off the console, a member's seal on it, are not", async () => {
    jar.set('hub_browser', 'workstation-three');
    page.path = '/account/report';
    expect(await keepFormDraft(await sentForm(await draftViewerSeal(CASEY)))).toBe(false);
    page.path = '/staff/members/100000000001';
    expect(await keepFormDraft(await sentForm(await draftViewerSeal(MARIA)))).toBe(false);
    page.path = '/staff/sign-in';
    expect(await keepFormDraft(await sentForm(await draftViewerSeal(CASEY)))).toBe(false);
    expect(await database.db.select().from(formDrafts)).toEqual([]);
    page.path = '/staff/members/100000000001';
  });

  it('returns only to a page of the console, whatever the page header says', async () => {
    page.path = '//evil.example/x';
    expect(await logCase(await sentForm(null))).toBe(`/staff/sign-in?callbackUrl=${encodeURIComponent('/staff')}`);
    page.path = '/apps';
    expect(await logCase(await sentForm(null))).toBe(`/staff/sign-in?callbackUrl=${encodeURIComponent('/staff')}`);
    page.path = '/staff/members/100000000001';
  });
});
