import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { appClock, todayIn } from '@/lib/calendar';
import { representatives } from '@/lib/db/schema';
import { listPhoneChoiceCallers, phoneCallerValue } from '@/lib/server/sharing/phone-choice-callers';
import { suiteHub } from '@/lib/testing/suite-hub';
import { callerLanguageBeforeChoice, loadCallerLanguages } from './caller-languages';
import { listConnectLinkCallers } from './list-connect-link-callers';

// The probe: "Which language does the caller speak?" started on the member's language even when
// the one who can call is a representative with Spanish on file.
const EMMA = '100000000009'; // 12, English on file; parent Giulia Rossi (R-0002)
const FATIMA = '100000000016'; // adult, English on file; designee Omar Haddad (R-0006)
const suite = suiteHub({ dataDirPrefix: 'hub-caller-languages-' });
const speaks = (repId: string, locale: string) => suite.hub.db.update(representatives).set({ preferredLocale: locale }).where(eq(representatives.repId, repId));

describe('the caller’s language a staff form starts on', () => {
  it('is a lone caller’s own: a parent with Spanish on file calling for an English-speaking child', async () => {
    await speaks('R-0002', 'es');
    const today = todayIn(appClock());
    const linkCallers = (await listConnectLinkCallers(suite.hub.db, EMMA, today))!.map((c) => c.value);
    const phoneCallers = (await listPhoneChoiceCallers(suite.hub.db, EMMA, today))!.callers.map(phoneCallerValue);
    expect(linkCallers).toEqual(['R-0002']);
    expect(phoneCallers).toEqual(['R-0002']);
    const languages = await loadCallerLanguages(suite.hub.db, EMMA, linkCallers);
    expect(languages).toEqual({ member: 'en', 'R-0002': 'es' });
    expect(callerLanguageBeforeChoice(linkCallers, languages)).toBe('es');
    expect(callerLanguageBeforeChoice(phoneCallers, languages)).toBe('es');
    await speaks('R-0002', 'en');
  });

  it('is none while the callers on offer speak different languages, and theirs when they share one', async () => {
    const linkCallers = (await listConnectLinkCallers(suite.hub.db, FATIMA, todayIn(appClock())))!.map((c) => c.value);
    expect(linkCallers).toEqual(['member', 'R-0006']);
    await speaks('R-0006', 'es');
    const languages = await loadCallerLanguages(suite.hub.db, FATIMA, ['R-0006']);
    expect(languages).toEqual({ member: 'en', 'R-0006': 'es' });
    expect(callerLanguageBeforeChoice(linkCallers, languages)).toBeUndefined();
    expect(callerLanguageBeforeChoice(['member'], languages)).toBe('en');
    await speaks('R-0006', 'en');
    expect(callerLanguageBeforeChoice(linkCallers, await loadCallerLanguages(suite.hub.db, FATIMA, ['R-0006']))).toBe('en');
  });
});
