import { describe, expect, it } from 'vitest';
import { BIRTH_DATE_EXAMPLE, BIRTH_DATE_FIELDS, BIRTH_DATE_LABEL_KEYS, birthDateExampleAsTyped } from './date-of-birth';
import { formatCalendarDate } from './format-calendar-date';
import { loadMessages } from './load-messages';

// The example in the hint and the error must be typed in the order of the boxes, or a member who
// follows it fails identity verification ("12 3 1984" under Mes / Día / Año).
describe.each(['en', 'es'] as const)('the date-of-birth example in %s', (locale) => {
  const messages = loadMessages(locale) as { connect: Record<string, string>; errors: Record<string, string> };
  const boxLabels = BIRTH_DATE_FIELDS.map((field) => messages.connect[BIRTH_DATE_LABEL_KEYS[field]].toLowerCase());
  const typed = BIRTH_DATE_FIELDS.map((field) => BIRTH_DATE_EXAMPLE[field]);

  it.each([
    ['hint', messages.connect.dateOfBirthHint],
    ['error', messages.errors.birthDate],
  ])('%s: the digits follow the boxes', (_, message) => {
    // Every run of digits that is typed as an example ("3 12 1984") reads in the boxes' order.
    const examples = [...message.matchAll(/\b(\d{1,2}) (\d{1,2}) (\d{4})\b/g)].map((m) => m.slice(1));
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(example).toEqual(typed);
    expect(message).toContain(birthDateExampleAsTyped());
  });

  it.each([
    ['hint', messages.connect.dateOfBirthHint],
    ['error', messages.errors.birthDate],
  ])('%s: names the boxes in their order and the date in words', (_, message) => {
    const lower = message.toLowerCase();
    const positions = boxLabels.map((label) => lower.indexOf(label));
    expect(positions.every((p) => p >= 0), `${boxLabels.join(', ')} in “${message}”`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The same date written out, so nobody reads 3 12 as December 3.
    expect(message).toContain(formatCalendarDate(BIRTH_DATE_EXAMPLE.iso, locale));
  });
});
