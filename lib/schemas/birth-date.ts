/** Month, day and year boxes as one real date of birth (not in the future, not before 1900), 'YYYY-MM-DD'; null otherwise. */
export function birthDateFromParts(monthText: string, dayText: string, yearText: string): string | null {
  if (!/^\d{1,2}$/.test(monthText) || !/^\d{1,2}$/.test(dayText) || !/^\d{4}$/.test(yearText)) return null;
  const month = Number(monthText);
  const day = Number(dayText);
  const year = Number(yearText);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCDate() !== day || year < 1900 || date.getTime() > Date.now()) return null;
  return `${yearText}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
