import { getDb } from '@/lib/db/client';
import { csvLine } from '@/lib/server/export/csv-line';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { reportYearOf } from '@/lib/server/reports/report-year';
import { countPatientAccessTransfers } from '@/lib/server/reports/count-patient-access-transfers';
import { staffRoute } from '@/lib/server/staff/require-staff';

export const dynamic = 'force-dynamic';

/** The year's metrics as CSV: the totals first (app "All apps"), then one line per app. */
export const GET = staffRoute('reports:read', async (request, actor) => {
  const year = reportYearOf(new URL(request.url).searchParams.get('year'));
  const metrics = await countPatientAccessTransfers(year);
  await recordAuditEvent(await getDb(), { actor: { kind: 'staff', id: actor.username }, action: 'report.exported', details: { report: 'cms-0057-f', year } });
  const lines = [
    csvLine(['year', 'app_id', 'app_name', 'unique_members_data_transferred', 'unique_members_data_transferred_more_than_once']),
    csvLine([year, '', 'All apps', metrics.members, metrics.membersMoreThanOnce]),
    ...metrics.perApp.map((a) => csvLine([year, a.appId, a.appName, a.members, a.membersMoreThanOnce])),
  ];
  // A byte-order mark first: spreadsheet programs then read the file as UTF-8 (app names with accents).
  return new Response(`\uFEFF${lines.join('')}`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="cms-0057-f-patient-access-${year}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
