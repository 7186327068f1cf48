import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '@/lib/calendar';
import { previousMemberAccessEndsOn } from './previous-member-access';

describe('previousMemberAccessEndsOn', () => {
  it.each([
    ['2025-03-31', '2026-03-31'],
    ['2025-12-31', '2026-12-31'],
    ['2025-01-31', '2026-01-31'],
    ['2024-02-29', '2025-02-28'],
    ['2025-02-28', '2026-02-28'],
    ['2023-02-28', '2024-02-29'],
    ['2027-02-28', '2028-02-29'],
    ['2023-03-01', '2024-03-01'],
  ])('last enrolled %s → last day of access %s', (lastDay, endsOn) => {
    expect(previousMemberAccessEndsOn(lastDay as CalendarDate)).toBe(endsOn);
  });
});
