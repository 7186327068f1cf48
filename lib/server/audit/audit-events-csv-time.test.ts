import { describe, expect, it } from 'vitest';
import { AUDIT_CSV_HEADER, auditEventCsvLine } from './audit-events-csv';
import type { AuditEventRow } from './search-audit-events';

const row = (at: Date) =>
  ({ id: 1, chain: 0, seq: 1, at, actorKind: 'staff', actorId: 'pat.privacy', action: 'consent.stopped', memberId: '100000000012', appId: null, grantId: null, details: null, requestId: null, prevHash: null, hash: null }) as unknown as AuditEventRow;

describe('the audit CSV', () => {
  it('says the time in Eastern time, as the screen and its search do, and the exact instant in UTC, naming both zones', () => {
    expect(AUDIT_CSV_HEADER.slice(3, 5)).toEqual(['at_eastern_time', 'at_utc']);
    const cells = auditEventCsvLine(row(new Date('2026-12-07T04:20:22.145Z'))).trim().split(',');
    expect(cells[3]).toBe('2026-12-06T23:20:22-05:00');
    expect(cells[4]).toBe('2026-12-07T04:20:22.145Z');
  });

  it('gives summer times their daylight offset', () => {
    const cells = auditEventCsvLine(row(new Date('2026-07-01T03:59:59.000Z'))).trim().split(',');
    expect(cells[3]).toBe('2026-06-30T23:59:59-04:00');
  });
});
