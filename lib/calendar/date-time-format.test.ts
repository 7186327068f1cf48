import { describe, expect, it } from 'vitest';
import { dateTimeFormat } from './date-time-format';

describe('dateTimeFormat', () => {
  it('makes one formatter for a locale and options, and another for any other', () => {
    const eastern = dateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'America/New_York' });
    expect(dateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'America/New_York' })).toBe(eastern);
    expect(dateTimeFormat('es-US', { dateStyle: 'long', timeZone: 'America/New_York' })).not.toBe(eastern);
    expect(dateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' })).not.toBe(eastern);
    // 02:30 UTC on January 2 is still January 1 in Boston.
    const instant = new Date('2026-01-02T02:30:00Z');
    expect(eastern.format(instant)).toBe('January 1, 2026');
    expect(dateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(instant)).toBe('January 2, 2026');
    expect(dateTimeFormat('es-US', { dateStyle: 'long', timeZone: 'America/New_York' }).format(instant)).toBe('1 de enero de 2026');
  });
});
