import { beforeEach, describe, expect, it, vi } from 'vitest';
import { demoAuthority, demoMember } from '@/lib/server/eligibility/testing/demo-fixtures';
import { identityMatches, normalizeMemberId, normalizeName, normalizeZip, type IdentityDetails } from './match-identity';

const timingSafeEqualCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  return {
    ...crypto,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      timingSafeEqualCalls.count += 1;
      return crypto.timingSafeEqual(a, b);
    },
  };
});

const today = '2026-11-23';

function onFileFor(given: string): IdentityDetails {
  const member = demoMember(given, today);
  return { given: member.given, family: member.family, birthDate: member.birthDate, memberId: member.memberId, zip: member.zip };
}

describe('normalizeName', () => {
  it('folds accents, case, apostrophes and hyphens', () => {
    expect(normalizeName("José O'Brien-Núñez")).toBe('jose obrien nunez');
    expect(normalizeName('  JOSÉ   O’BRIEN–NÚÑEZ ')).toBe('jose obrien nunez');
  });

  it('treats composed and decomposed accents alike', () => {
    expect(normalizeName('Jos\u00e9')).toBe('jose');
    expect(normalizeName('Jose\u0301')).toBe('jose');
  });

  it.each(["O'Brien", 'O’Brien', 'O‘Brien', 'OʼBrien', 'O`Brien', 'O´Brien', 'O＇Brien', 'OBrien', 'obrien'])(
    'removes every kind of apostrophe: %s',
    (name) => {
      expect(normalizeName(name)).toBe('obrien');
    },
  );

  it('folds letters that have no combining mark to drop', () => {
    expect(normalizeName('Strauß')).toBe('strauss');
    expect(normalizeName('Søren Łukasz')).toBe('soren lukasz');
    expect(normalizeName('Ｍａｒｉａ')).toBe('maria');
  });

  it('turns other punctuation into single spaces', () => {
    expect(normalizeName('St. John-Smith')).toBe('st john smith');
    expect(normalizeName('Mary\tAnn\n')).toBe('mary ann');
  });
});

describe('normalizeMemberId / normalizeZip', () => {
  it('keeps only the digits of a member ID', () => {
    expect(normalizeMemberId('1000 0000 0012')).toBe('100000000012');
    expect(normalizeMemberId(' 100-000-000-012 ')).toBe('100000000012');
  });

  it('keeps the first five digits of a ZIP code', () => {
    expect(normalizeZip('02128-1234')).toBe('02128');
    expect(normalizeZip(' 02128 ')).toBe('02128');
    expect(normalizeZip('021281234')).toBe('02128');
  });
});

describe('identityMatches', () => {
  beforeEach(() => {
    timingSafeEqualCalls.count = 0;
  });

  const jose = onFileFor('José');

  it.each([
    ['jose', 'obrien nunez'],
    ['Jose', "o'brien-nunez"],
    ['JOSE', 'OBrien Nunez'],
    ['José', 'O’Brien Núñez'],
    ['Jose OBrien', 'Nunez'],
    ['jose', 'o brien nunez'],
  ])('matches José O\'Brien-Núñez typed as %j %j', (given, family) => {
    expect(identityMatches({ ...jose, given, family }, jose)).toBe(true);
  });

  it('accepts a member ID typed in groups and a ZIP+4', () => {
    expect(identityMatches({ ...jose, memberId: '1000 0000 0012', zip: '02128-4410' }, jose)).toBe(true);
  });

  it.each([
    ['given name', { given: 'Josh' }],
    ['family name', { family: 'OBrien' }],
    ['birth date', { birthDate: '1996-04-10' }],
    ['member ID', { memberId: '100000000013' }],
    ['ZIP code', { zip: '02129' }],
  ])('refuses a wrong %s', (_field, change) => {
    expect(identityMatches({ ...jose, ...change }, jose)).toBe(false);
  });

  it('tells the twins Ava and Mia Brooks apart by member ID only', () => {
    const ava = onFileFor('Ava');
    const mia = onFileFor('Mia');
    expect(ava.birthDate).toBe(mia.birthDate);
    expect(ava.zip).toBe(mia.zip);
    expect(identityMatches(ava, ava)).toBe(true);
    expect(identityMatches({ ...ava, memberId: mia.memberId }, ava)).toBe(false);
    expect(identityMatches({ ...mia, given: 'Ava' }, ava)).toBe(false);
  });

  it('matches every demo member against their own record', () => {
    for (const given of ['Maria', 'Kevin', 'Grace', 'Samuel', 'Fatima']) {
      expect(identityMatches(onFileFor(given), onFileFor(given)), given).toBe(true);
    }
  });

  it('works for a representative proving their own identity with their repId', () => {
    const { representative } = demoAuthority('Giulia', 'Emma', today);
    const onFile = { ...representative, memberId: representative.repId };
    expect(identityMatches({ ...onFile, given: 'giulia', memberId: 'R-0002' }, onFile)).toBe(true);
    expect(identityMatches({ ...onFile, memberId: 'R-0003' }, onFile)).toBe(false);
  });

  it('never matches blank details, even against a blank record', () => {
    const blank: IdentityDetails = { given: '', family: '', birthDate: '', memberId: '', zip: '' };
    expect(identityMatches(blank, blank)).toBe(false);
    expect(identityMatches({ ...jose, memberId: '' }, { ...jose, memberId: '' })).toBe(false);
  });

  it('compares every field in constant time, without stopping at the first mismatch', () => {
    expect(identityMatches({ ...jose, given: 'Someone', family: 'Else' }, jose)).toBe(false);
    expect(timingSafeEqualCalls.count).toBe(4);
  });
});
