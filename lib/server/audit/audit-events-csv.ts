import 'server-only';
import { localIsoDateTime } from '@/lib/calendar';
import { csvLine } from '@/lib/server/export/csv-line';
import type { AuditEventRow } from './search-audit-events';

// The time people read is Eastern, as on the screen and in its search (a search for a day exports
// that Eastern day); the exact instant, to the millisecond, is beside it in UTC.
export const AUDIT_CSV_HEADER = ['id', 'chain', 'seq', 'at_eastern_time', 'at_utc', 'actor_kind', 'actor_id', 'action', 'member_id', 'app_id', 'grant_id', 'details', 'request_id', 'prev_hash', 'hash'];

export function auditEventCsvLine(row: AuditEventRow): string {
  return csvLine([row.id, row.chain, row.seq, localIsoDateTime(row.at), row.at, row.actorKind, row.actorId, row.action, row.memberId, row.appId, row.grantId, row.details, row.requestId, row.prevHash, row.hash]);
}
