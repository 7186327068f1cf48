import { getDb } from '@/lib/db/client';
import { AUDIT_CSV_HEADER, auditEventCsvLine } from '@/lib/server/audit/audit-events-csv';
import { csvLine } from '@/lib/server/export/csv-line';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { auditSearchFrom, auditSearchProblems, eachAuditEvent } from '@/lib/server/audit/search-audit-events';
import { staffRoute } from '@/lib/server/staff/require-staff';

export const dynamic = 'force-dynamic';

/** The trail as CSV, every row the search matches, streamed a batch at a time. The export itself is audited. */
export const GET = staffRoute('audit:read', async (request, actor) => {
  const params = new URL(request.url).searchParams;
  const problems = Object.values(auditSearchProblems(params));
  if (problems.length) return new Response(`${problems.join(' ')} Nothing was exported.\n`, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  const search = auditSearchFrom(params);
  await recordAuditEvent(await getDb(), { actor: { kind: 'staff', id: actor.username }, action: 'audit.exported', details: { search } });
  const encoder = new TextEncoder();
  const rows = eachAuditEvent(search);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte-order mark first: spreadsheet programs then read the file as UTF-8 (names with accents).
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(AUDIT_CSV_HEADER)}`));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(auditEventCsvLine(next.value)));
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="audit-trail.csv"',
      'cache-control': 'no-store',
    },
  });
});
