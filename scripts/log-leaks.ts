// The server log of the end-to-end run must not name a demo member: no name, email address, date
// of birth (in any way people write one), member ID, nor any one-time code the run issued.
import fs from 'node:fs';
import path from 'node:path';
import { appClock, todayIn } from '@/lib/calendar';
import { resolveRelativeDate } from '@/lib/calendar/resolve-relative-date';

export interface Secret {
  /** What it is, for the report (never the value itself). */
  label: string;
  value: string;
}
export interface Leak {
  label: string;
  line: number;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_ES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

/** A date of birth as people and programs write it. */
export function dateSpellings(iso: string): string[] {
  const [y, m, d] = iso.split('-');
  const mi = Number(m) - 1;
  const [mm, dd] = [String(Number(m)), String(Number(d))];
  return [
    iso, `${y}/${m}/${d}`, `${y}${m}${d}`, `${m}/${d}/${y}`, `${mm}/${dd}/${y}`, `${d}/${m}/${y}`, `${dd}/${mm}/${y}`, `${d}.${m}.${y}`, `${m}-${d}-${y}`,
    `${MONTHS_EN[mi]} ${dd}, ${y}`, `${MONTHS_EN[mi].slice(0, 3)} ${dd}, ${y}`, `${dd} ${MONTHS_EN[mi]} ${y}`, `${dd} de ${MONTHS_ES[mi]} de ${y}`,
  ];
}

interface Person {
  memberId?: string;
  repId?: string;
  given: string;
  family: string;
  birthDate: string;
  email: string;
}

/** Every demo member's and representative's identifiers, from the project's own fixtures. */
export function demoIdentifiers(fixturesFile = path.join(process.cwd(), 'lib', 'demo', 'fixtures', 'members.json'), today = todayIn(appClock())): Secret[] {
  const fixtures = JSON.parse(fs.readFileSync(fixturesFile, 'utf8')) as { members: Person[]; representatives: Person[] };
  const out: Secret[] = [];
  for (const person of [...fixtures.members, ...fixtures.representatives]) {
    const who = person.memberId ? `member ${person.memberId.slice(-3)}` : `representative ${person.repId}`;
    if (person.memberId) out.push({ label: `${who}: member ID`, value: person.memberId });
    if (person.repId) out.push({ label: `${who}: representative ID`, value: person.repId });
    out.push({ label: `${who}: first name`, value: person.given }, { label: `${who}: last name`, value: person.family });
    out.push({ label: `${who}: email`, value: person.email });
    for (const spelling of dateSpellings(resolveRelativeDate(person.birthDate, today))) out.push({ label: `${who}: date of birth`, value: spelling });
  }
  return out;
}

/** Every one-time code the run emailed (the dev outbox keeps each message). */
export function issuedCodes(outboxDir: string): Secret[] {
  if (!fs.existsSync(outboxDir)) return [];
  const codes = new Set<string>();
  for (const file of fs.readdirSync(outboxDir).filter((f) => f.endsWith('.json'))) {
    const { text = '' } = JSON.parse(fs.readFileSync(path.join(outboxDir, file), 'utf8')) as { text?: string };
    for (const match of text.matchAll(/(?<!\d)\d{6}(?!\d)/g)) codes.add(match[0]);
  }
  return [...codes].map((value, i) => ({ label: `one-time code #${i + 1}`, value }));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where any secret appears in the log: names and words as whole words, case-insensitive; numbers
 * and codes not inside a longer number; emails and dates as written.
 */
export function findLeaks(log: string, secrets: Secret[]): Leak[] {
  const tests = secrets.map((s) => ({ label: s.label, pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escape(s.value)}(?![\\p{L}\\p{N}])`, 'iu') }));
  const leaks: Leak[] = [];
  log.split('\n').forEach((text, i) => {
    for (const { label, pattern } of tests) if (pattern.test(text)) leaks.push({ label, line: i + 1 });
  });
  return leaks;
}

/** The check run after the end-to-end suite: prints what leaked where (labels, not values). */
export function checkServerLog(logFile: string, outboxDir: string): { checked: number; leaks: Leak[] } | null {
  if (!fs.existsSync(logFile)) return null;
  const secrets = [...demoIdentifiers(), ...issuedCodes(outboxDir)];
  return { checked: secrets.length, leaks: findLeaks(fs.readFileSync(logFile, 'utf8'), secrets) };
}
