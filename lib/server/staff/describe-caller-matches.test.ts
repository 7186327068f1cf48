import { describe, expect, it } from 'vitest';
import { describeCallerMatches } from './describe-caller-matches';

const twin = (memberId: string, given: string, city = 'Amherst') => ({ kind: 'member' as const, memberId, name: `${given} Brooks`, birthDate: '2001-07-19', city });

describe('describeCallerMatches', () => {
  it('gives the date of birth as the member screen does', () => {
    const { items } = describeCallerMatches([twin('100000000013', 'Jordan'), twin('100000000014', 'Jamie')]);
    expect(items[0].detail).toBe('Member 100000000013 · born July 19, 2001 · Amherst');
    expect(items.map((i) => i.detail).join(' ')).not.toContain('2001-07-19');
  });

  it('asks only for the member ID when every match lives in the same city', () => {
    const { message } = describeCallerMatches([twin('100000000013', 'Jordan'), twin('100000000014', 'Jamie')]);
    expect(message).toBe('2 people match. Ask the caller for their member ID and choose.');
  });

  it('offers the city as well when it tells them apart', () => {
    const { message } = describeCallerMatches([twin('100000000013', 'Jordan'), twin('100000000014', 'Jamie', 'Boston')]);
    expect(message).toBe('2 people match. Ask the caller for their member ID or city and choose.');
  });

  it('asks a representative for their representative ID', () => {
    const { message, items } = describeCallerMatches([twin('100000000013', 'Jordan'), { kind: 'representative', repId: 'R-0009', name: 'Jordan Brooks', birthDate: '2001-07-19' }]);
    expect(message).toBe('2 people match. Ask the caller for their member ID or representative ID and choose.');
    expect(items[1]).toEqual({ href: '/staff/representatives/R-0009', title: 'Jordan Brooks', detail: 'Representative R-0009 · born July 19, 2001' });
  });
});
