import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dateSpellings, demoIdentifiers, findLeaks, issuedCodes } from './log-leaks';

const secrets = demoIdentifiers(undefined, '2026-12-03');
const clean = [
  '{"time":"2026-12-03T23:27:18.777Z","level":"info","event":"http.request","requestId":"59d23f34-eb00-48c8-b7bf-352d342e9ed4","method":"GET","path":"/staff/members/[number]","status":200,"ms":39}',
  '{"time":"2026-12-03T23:27:19.001Z","level":"info","event":"console","message":"sent code [number] to [email]"}',
].join('\n');

describe('findLeaks', () => {
  it('finds nothing in a redacted log', () => {
    expect(findLeaks(clean, secrets)).toEqual([]);
  });

  it.each([
    ['a member ID', '"path":"/staff/members/100000000001"', 'member 001: member ID'],
    ['a first name', '"message":"welcome back, maria"', 'member 001: first name'],
    ['a last name', '"note":"SANTOS"', 'member 001: last name'],
    ['an email', '"to":"maria.santos@members.example"', 'member 001: email'],
    ['an ISO date of birth', '"dob":"1984-03-12"', 'member 001: date of birth'],
    ['a US date of birth', 'born 3/12/1984', 'member 001: date of birth'],
    ['a written date of birth', 'born March 12, 1984', 'member 001: date of birth'],
    ['a Spanish date of birth', 'nació el 12 de marzo de 1984', 'member 001: date of birth'],
    ['a representative', 'susan.whitfield@reps.example', 'representative R-0001: email'],
    ['a representative ID', '"path":"/staff/representatives/R-0006"', 'representative R-0006: representative ID'],
  ])('finds %s planted in the log', (_, planted, label) => {
    const leaks = findLeaks(`${clean}\n${planted}\n${clean}`, secrets);
    expect(leaks.map((l) => l.label)).toContain(label);
    expect(leaks.every((l) => l.line === 3)).toBe(true);
  });

  it('finds a one-time code from the outbox, and not the same digits inside a longer number', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
    fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify({ text: 'Your code is 482913. It works for 10 minutes.' }));
    const codes = issuedCodes(dir);
    expect(codes).toEqual([{ label: 'one-time code #1', value: '482913' }]);
    expect(findLeaks('{"event":"identity.code","detail":"482913"}', codes)).toHaveLength(1);
    expect(findLeaks('{"ms":14829130}', codes)).toEqual([]);
    fs.rmSync(dir, { recursive: true });
  });

  it('resolves relative birth dates of the fixtures and spells each date many ways', () => {
    expect(dateSpellings('1984-03-12')).toEqual(expect.arrayContaining(['1984-03-12', '03/12/1984', '3/12/1984', '19840312', 'March 12, 1984', '12 de marzo de 1984']));
    expect(secrets.some((s) => s.label.includes('date of birth') && s.value === '2014-12-03')).toBe(true); // today-P12Y
  });
});
