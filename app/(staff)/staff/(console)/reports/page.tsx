import type { Metadata } from 'next';
import { TransfersChart } from '@/components/staff/transfers-chart';
import { appClock, todayIn } from '@/lib/calendar';
import { countPatientAccessTransfers, listReportYears } from '@/lib/server/reports/count-patient-access-transfers';
import { reportYearOf } from '@/lib/server/reports/report-year';
import { staffPageMetadata, staffWithPermission } from '@/lib/server/staff/require-staff';
import { StaffForbidden } from '@/components/staff/staff-forbidden';

export const dynamic = 'force-dynamic';
export const generateMetadata = (): Promise<Metadata> => staffPageMetadata('reports:read', 'CMS reports');

/** The CMS-0057-F Patient Access API metrics for a chosen year: table, chart, CSV. */
export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await staffWithPermission('reports:read'))) return <StaffForbidden />;
  const year = reportYearOf((await searchParams).year);
  const [metrics, years] = await Promise.all([countPatientAccessTransfers(year), listReportYears(Number(todayIn(appClock()).slice(0, 4)))]);
  const summary = `In ${year}, data of ${metrics.members} unique ${metrics.members === 1 ? 'member was' : 'members were'} transferred to apps they chose; for ${metrics.membersMoreThanOnce}, more than once.`;
  return (
    <div className="space-y-6">
      <h1>CMS-0057-F: Patient Access API</h1>
      <p className="max-w-3xl">
        Reported to CMS by March 31 for the year before. Counted from the access log: a member’s data were transferred when an app they (or their representative) connected read at least one record of the member’s own (their coverage, claims, patient record or sharing choices; the plan’s drug list and provider directory are not a member’s data); more than once when that
        happened on more than one day.
      </p>
      <form method="get" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="year" className="block font-semibold">
            Year
          </label>
          <select id="year" name="year" defaultValue={String(year)} className="field-input">
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-primary">
          Show
        </button>
        <a href={`/staff/reports/export?year=${year}`} className="btn-secondary">
          Download CSV
        </a>
      </form>

      <table className="w-full max-w-3xl border-collapse text-left">
        <caption className="text-left text-lg font-semibold">Unique members whose data were transferred in {year}</caption>
        <thead>
          <tr className="border-b-2 border-slate-400">
            <th scope="col" className="py-1 pr-3">App</th>
            <th scope="col" className="py-1 pr-3 text-right">Members</th>
            <th scope="col" className="py-1 text-right">More than once</th>
          </tr>
        </thead>
        <tbody>
          <tr className="border-b border-slate-300 font-semibold">
            <th scope="row" className="py-1 pr-3">All apps</th>
            <td className="py-1 pr-3 text-right">{metrics.members}</td>
            <td className="py-1 text-right">{metrics.membersMoreThanOnce}</td>
          </tr>
          {metrics.perApp.map((a) => (
            <tr key={a.appId} className="border-b border-slate-200">
              <th scope="row" className="py-1 pr-3 font-normal">
                {a.appName}
              </th>
              <td className="py-1 pr-3 text-right">{a.members}</td>
              <td className="py-1 text-right">{a.membersMoreThanOnce}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-sm text-slate-700">A member who used two apps counts once in All apps and once for each app.</p>

      {metrics.perApp.length ? (
        <TransfersChart title={`Members per app, ${year}`} summary={summary} rows={metrics.perApp.map((a) => ({ label: a.appName, members: a.members, membersMoreThanOnce: a.membersMoreThanOnce }))} />
      ) : (
        <p>{summary}</p>
      )}
    </div>
  );
}
