import { describe, expect, it } from 'vitest';
import { describeError, REDACTED, redactLogValue, redactText } from './redact-log-value';

describe('redactText', () => {
  it.each([
    ['code sent to maria.santos@members.example', 'code sent to [email]'],
    ['to=maria.santos%40members.example&x=1', 'to=[email]&x=1'],
    ['born 1984-03-12', 'born [date]'],
    ['born 1984/03/12', 'born [date]'],
    ['born 03/12/1984 or 3/12/84', 'born [date] or [date]'],
    ['born 12.03.1984', 'born [date]'],
    ['born March 12, 1984', 'born [date]'],
    ['born Mar 12 1984', 'born [date]'],
    ['born 12 March 1984', 'born [date]'],
    ['nació el 12 de marzo de 1984', 'nació el [date]'],
    ['compact 19840312', 'compact [number]'],
    ['code 482913 entered', 'code [number] entered'],
    ['member 100000000001 looked up', 'member [number] looked up'],
    ['GET /staff/members/100000000001', 'GET /staff/members/[number]'],
    ['GET /staff/representatives/R-0006', 'GET /staff/representatives/[rep-id]'],
    ['representative r-0002 verified', 'representative [rep-id] verified'],
    ['Failed query: select * from members where given = $1\nparams: Maria,Santos', 'Failed query: select * from members where given = $1\nparams: [redacted]'],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('keeps what is not personal: ids, short numbers, years, times', () => {
    const line = 'request 3f2a9c10-1234-4567-8901-123456789012 took 1234 ms on port 3260 in 2026 at 12:30:05';
    expect(redactText(line)).toBe(line);
  });
});

describe('redactLogValue', () => {
  it('withholds a field named for personal data or a secret, whatever it holds, at any depth', () => {
    const out = redactLogValue({ firstName: 'Maria', last_name: 'Santos', email: 'x', birthDate: 'y', memberId: 'z', code: '1', nested: { given: 'Maria', ok: 'fine' }, list: [{ password: 'p' }] });
    expect(out).toEqual({ firstName: REDACTED, last_name: REDACTED, email: REDACTED, birthDate: REDACTED, memberId: REDACTED, code: REDACTED, nested: { given: REDACTED, ok: 'fine' }, list: [{ password: REDACTED }] });
  });

  it('reduces an error to its kind and code, never its message', () => {
    const error = Object.assign(new Error('insert failed for Maria Santos 1984-03-12'), { code: '23505' });
    expect(redactLogValue({ error })).toEqual({ error: { name: 'Error', code: '23505' } });
    expect(describeError(Object.assign(new Error('x'), { cause: { code: 'ECONNREFUSED' } }))).toEqual({ name: 'Error', code: 'ECONNREFUSED' });
  });

  it('bounds what it keeps: long strings, deep objects', () => {
    expect((redactLogValue('a'.repeat(10_000)) as string).length).toBeLessThan(2_100);
    expect(redactLogValue({ a: { b: { c: { d: { e: 1 } } } } })).toEqual({ a: { b: { c: { d: '[deep]' } } } });
  });
});
