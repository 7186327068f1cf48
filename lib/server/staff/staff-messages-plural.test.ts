import { describe, expect, it } from 'vitest';
import { staffSay } from './staff-messages';

describe('staff messages with a count', () => {
  it('say "1 minute" and "2 minutes", never "1 minutes"', () => {
    for (const key of ['lookupLimited', 'linkLimited', 'lookupLimitedPage']) {
      expect(staffSay(key, { minutes: 1, what: 'members' })).toContain('Wait 1 minute');
      expect(staffSay(key, { minutes: 1, what: 'members' })).not.toContain('1 minutes');
      expect(staffSay(key, { minutes: 7, what: 'members' })).toContain('Wait 7 minutes');
    }
  });

  it('leave no placeholder unfilled', () => {
    expect(staffSay('lookupLimitedPage', { minutes: 3, what: 'records' })).toBe('You have opened many records in a short time. Wait 3 minutes. The privacy officer has been told.');
  });
});
