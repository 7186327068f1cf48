import 'server-only';
import { csvLine } from '@/lib/server/export/csv-line';
import type { AuditEventRow } from './search-audit-events';

export const AUDIT_CSV_HEADER = ['id', 'chain', 'seq', 'at', 'actor_kind', 'actor_id', 'action', 'member_id', 'app_id', 'grant_id', 'details', 'request_id', 'prev_hash', 'hash'];

export function auditEventCsvLine(row: AuditEventRow): string {
  return csvLine([row.id, row.chain, row.seq, row.at, row.actorKind, row.actorId, row.action, row.memberId, row.appId, row.grantId, row.details, row.requestId, row.prevHash, row.hash]);
}
