/**
 * The date-of-birth boxes, in the order the identity form shows them (Month / Day / Year, Mes /
 * Día / Año in Spanish too: the card and the member's records write dates this way). The hint and
 * the error give an example in this same order; `date-of-birth.test.ts` checks the messages
 * against it in every language, so the example can never contradict the boxes.
 */
export const BIRTH_DATE_FIELDS = ['birthMonth', 'birthDay', 'birthYear'] as const;
export type BirthDateField = (typeof BIRTH_DATE_FIELDS)[number];

/** The example date the messages use: March 12, 1984. */
export const BIRTH_DATE_EXAMPLE = { iso: '1984-03-12', birthMonth: '3', birthDay: '12', birthYear: '1984' } as const;

/** "3 12 1984": the example as typed into the boxes, in their order. */
export function birthDateExampleAsTyped(): string {
  return BIRTH_DATE_FIELDS.map((field) => BIRTH_DATE_EXAMPLE[field]).join(' ');
}

/** The message key of each box's label in the `connect` messages. */
export const BIRTH_DATE_LABEL_KEYS: Record<BirthDateField, 'month' | 'day' | 'year'> = { birthMonth: 'month', birthDay: 'day', birthYear: 'year' };
