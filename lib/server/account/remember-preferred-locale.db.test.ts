import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { members, representatives } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { approveConnectFlow } from '@/lib/server/connect/approve-connect-flow';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import { suiteHub } from '@/lib/testing/suite-hub';
import { testWording } from './testing/test-wording';
import { rememberPreferredLocale, type LocaleSource } from './remember-preferred-locale';

const JOSE = '100000000012';
const MARIA = '100000000001';
const GIULIA = 'R-0002';

const suite = suiteHub({ dataDirPrefix: 'hub-preferred-locale-' });
afterEach(() => settleMailDeliveries());

const memberLocale = async (memberId: string) => (await suite.hub.db.select({ locale: members.preferredLocale }).from(members).where(eq(members.memberId, memberId)))[0].locale;
const repLocale = async (repId: string) => (await suite.hub.db.select({ locale: representatives.preferredLocale }).from(representatives).where(eq(representatives.repId, repId)))[0].locale;

let flowCount = 0;
/** Step 5 as the member, in `locale`, chosen or only the browser's. */
async function connectAs(memberId: string, locale: Locale, localeSource: LocaleSource) {
  flowCount += 1;
  const flow = {
    id: `locale-flow-${flowCount}-${Date.now()}`,
    appId: 'carecompass',
    interactionUid: null,
    entry: 'gallery' as const,
    step: 'approve' as const,
    state: { privacyReviewed: true, termsAccepted: true, subject: { kind: 'member' as const, id: memberId } },
  };
  await approveConnectFlow(flow, { categories: ['personal'], includeSensitive: false, duration: 'once' }, 'browser-key', { locale, localeSource, categoryNames: testWording(locale).categoryNames });
}

describe('the language on file', () => {
  it('José connects in Spanish (his browser’s language, none on file yet): Spanish is saved', async () => {
    expect(await memberLocale(JOSE)).toBe('en'); // the column's fallback, nothing on file
    await connectAs(JOSE, 'es', 'used');
    expect(await memberLocale(JOSE)).toBe('es');
  });

  it('is not replaced by the browser’s language later: signing in or connecting from an English browser keeps Spanish', async () => {
    await rememberPreferredLocale({ kind: 'member', memberId: JOSE }, 'en', undefined, 'used'); // account sign-in
    expect(await memberLocale(JOSE)).toBe('es');
    await connectAs(JOSE, 'en', 'used');
    expect(await memberLocale(JOSE)).toBe('es');
  });

  it('is replaced when the person chooses a language (the switch, a ?lang= link), or customer service enters it', async () => {
    await rememberPreferredLocale({ kind: 'member', memberId: JOSE }, 'en', undefined, 'chosen');
    expect(await memberLocale(JOSE)).toBe('en');
    await connectAs(JOSE, 'es', 'chosen');
    expect(await memberLocale(JOSE)).toBe('es');
    // Customer service (send-connect-link.ts, record-sharing-choice.ts) passes no source: a choice.
    await rememberPreferredLocale({ kind: 'member', memberId: JOSE }, 'en');
    expect(await memberLocale(JOSE)).toBe('en');
  });

  it('English used first is on file too: a later Spanish browser does not replace it, a choice does', async () => {
    await rememberPreferredLocale({ kind: 'member', memberId: MARIA }, 'en', undefined, 'used');
    await rememberPreferredLocale({ kind: 'member', memberId: MARIA }, 'es', undefined, 'used');
    expect(await memberLocale(MARIA)).toBe('en');
    await rememberPreferredLocale({ kind: 'member', memberId: MARIA }, 'es', undefined, 'chosen');
    expect(await memberLocale(MARIA)).toBe('es');
  });

  it('works the same for a representative', async () => {
    await rememberPreferredLocale({ kind: 'representative', repId: GIULIA }, 'es', undefined, 'used');
    expect(await repLocale(GIULIA)).toBe('es');
    await rememberPreferredLocale({ kind: 'representative', repId: GIULIA }, 'en', undefined, 'used');
    expect(await repLocale(GIULIA)).toBe('es');
    await rememberPreferredLocale({ kind: 'representative', repId: GIULIA }, 'en', undefined, 'chosen');
    expect(await repLocale(GIULIA)).toBe('en');
  });
});
