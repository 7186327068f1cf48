import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { loadMessages } from '@/lib/i18n/load-messages';
import type { ConnectionView, ConnectionsPayload } from '@/lib/schemas/account';
import { permissionsFor } from '@/lib/server/account/account-scope';
import { accountLeadKey, peopleLeadKey } from './account-lead';

const say = (locale: 'en' | 'es', namespace: string) => {
  const t = createTranslator({ locale, messages: loadMessages(locale), namespace: namespace as never });
  return (key: string) => t(key as never) as string;
};

const card = (grantId: string, canChange: boolean): ConnectionView => ({
  grantId,
  appName: 'CareCompass',
  linkName: 'CareCompass',
  state: 'active',
  categories: ['Personal information'],
  sensitive: 'Not shared',
  years: 'January 1, 2016 to today',
  approvedBy: 'You',
  approvedOn: 'May 1, 2026',
  endsOn: 'May 1, 2027',
  lastRead: 'Not yet',
  lastReadAt: null,
  note: null,
  canChange,
});
const listing = (...current: ConnectionView[]): ConnectionsPayload => ({ forRepresentative: false, members: [{ memberId: '100000000009', heading: 'Your connections', note: null, current, past: [] }] });
const MEMBER = { viewer: { kind: 'member' as const, memberId: '100000000009' } };

describe('the account’s opening line', () => {
  it('tells a member who can change none of the apps listed (a parent connected them) that only that person can', () => {
    const key = accountLeadKey(MEMBER, listing(card('a', false)));
    expect(key).toBe('leadNoneYours');
    expect(say('en', 'account')(key)).not.toMatch(/share less|stop sharing/);
    expect(say('en', 'account')(key)).toContain('Only the person who connected an app for you can change or stop it.');
    expect(say('es', 'account')(key)).toContain('Solo la persona que conectó una app en su nombre puede cambiarla o detenerla.');
  });

  it('tells a member who can change some that it is the ones they connected themself', () => {
    const key = accountLeadKey(MEMBER, listing(card('a', false), card('b', true)));
    expect(key).toBe('leadSomeYours');
    expect(say('en', 'account')(key)).toContain('You can share less or stop sharing with the apps you connected yourself.');
    expect(say('es', 'account')(key)).toContain('Puede compartir menos o dejar de compartir con las apps que conectó usted.');
  });

  it('keeps the usual line when every app listed can be changed, or none is listed, and for a representative', () => {
    expect(accountLeadKey(MEMBER, listing(card('a', true)))).toBe('lead');
    expect(accountLeadKey(MEMBER, listing())).toBe('lead');
    expect(accountLeadKey({ viewer: { kind: 'representative', repId: 'R-0002' } }, listing(card('a', false)))).toBe('leadRepresentative');
  });
});

describe('“People who can act for you”', () => {
  it('promises an adult the emails, and tells a member under 18 they go to the person who acted', () => {
    const adult = peopleLeadKey(permissionsFor({ kind: 'member', age: 51 }));
    const minor = peopleLeadKey(permissionsFor({ kind: 'member', age: 12 }));
    expect(say('en', 'representatives')(adult)).toContain('We email you when they connect, change or stop an app.');
    for (const locale of ['en', 'es'] as const) {
      expect(say(locale, 'representatives')(minor)).not.toBe(say(locale, 'representatives')(adult));
      expect(say(locale, 'representatives')(minor)).not.toMatch(/We email you|Le enviamos/);
    }
    expect(say('en', 'representatives')(minor)).toContain('we email them, not you');
    expect(say('es', 'representatives')(minor)).toContain('les enviamos un correo electrónico a ellas, no a usted');
  });
});
