import type { Metadata } from 'next';
import { asc } from 'drizzle-orm';
import { Badge } from '@/components/staff/staff-section';
import { getDb } from '@/lib/db/client';
import { apps } from '@/lib/db/schema';
import { formatDateTime } from '@/lib/server/account/format-date-time';
import { auditSearchFrom, auditSearchProblems, auditSearchQuery, searchAuditEvents } from '@/lib/server/audit/search-audit-events';
import { describeAuditChainCheck, verifyAuditChain } from '@/lib/server/audit/verify-audit-chain';
import { staffPageMetadata, staffWithPermission } from '@/lib/server/staff/require-staff';
import { StaffForbidden } from '@/components/staff/staff-forbidden';

export const dynamic = 'force-dynamic';
export const generateMetadata = (): Promise<Metadata> => staffPageMetadata('audit:read', 'Audit trail');

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const actorOf = (kind: string, id: string | null) => (id ? `${kind} ${id}` : kind);

/**
 * The audit trail: every staff view of a member, consent, verification, revocation, case and app
 * decision. Append-only and hash-chained; this page can check the chain on demand. Search is a
 * plain GET form, so it works without JavaScript and a search can be bookmarked.
 */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  if (!(await staffWithPermission('audit:read'))) return <StaffForbidden />;
  const params = await searchParams;
  const search = auditSearchFrom(params);
  const problems = auditSearchProblems(params);
  const searchable = Object.keys(problems).length === 0;
  const result = searchable ? await searchAuditEvents(search, Number(params.page ?? 1)) : null;
  const typed = (name: string) => (typeof params[name] === 'string' ? params[name] : '');
  const appList = await (await getDb()).select({ id: apps.id, name: apps.name }).from(apps).orderBy(asc(apps.name));
  const chain = params.check === '1' ? await verifyAuditChain(await getDb()) : null;
  const query = auditSearchQuery(search);
  const pageLink = (page: number) => `/staff/audit?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(query)), page: String(page) })}`;

  return (
    <div className="space-y-6">
      <h1>Audit trail</h1>
      {searchable ? null : (
        <div role="alert" className="rounded-md border-2 border-warning-700 bg-red-50 p-3">
          <p className="font-semibold">The search was not run. Fix the dates below.</p>
          <ul className="list-disc pl-6">
            {Object.entries(problems).map(([field, message]) => (
              <li key={field}>
                <a href={`#${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="get" className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <div>
          <label htmlFor="member" className="block font-semibold">
            Member ID
          </label>
          <input id="member" name="member" defaultValue={search.memberId ?? ''} inputMode="numeric" autoComplete="off" className="field-input" />
        </div>
        <div>
          <label htmlFor="staff" className="block font-semibold">
            Staff username
          </label>
          <input id="staff" name="staff" defaultValue={search.staff ?? ''} autoComplete="off" className="field-input" />
        </div>
        <div>
          <label htmlFor="app" className="block font-semibold">
            App
          </label>
          <select id="app" name="app" defaultValue={search.appId ?? ''} className="field-input">
            <option value="">Any app</option>
            {appList.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <DateFilter name="from" label="From" value={problems.from ? typed('from') : (search.from ?? '')} problem={problems.from} />
        <DateFilter name="to" label="To" value={problems.to ? typed('to') : (search.to ?? '')} problem={problems.to} />
        <div className="flex items-end gap-3">
          <button type="submit" className="btn-primary">
            Search
          </button>
          {searchable ? (
            <a href={`/staff/audit/export${query ? `?${query}` : ''}`} className="btn-secondary">
              Export CSV
            </a>
          ) : null}
        </div>
      </form>

      <section aria-labelledby="chain-title" className="space-y-2">
        <h2 id="chain-title">Tamper check</h2>
        <p>Each row carries the hash of the one before it. Checking recomputes every hash; an edited, removed or slipped-in row shows as the first broken one.</p>
        {chain ? (
          <p role="status" className={`rounded-md border-2 p-3 font-semibold ${chain.ok ? 'border-ok-700 bg-green-50' : 'border-warning-700 bg-red-50'}`}>
            <Badge tone={chain.ok ? 'ok' : 'warning'}>{chain.ok ? 'Intact' : 'Broken'}</Badge> {describeAuditChainCheck(chain)}
          </p>
        ) : null}
        <form method="get">
          {Object.entries(Object.fromEntries(new URLSearchParams(query))).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="check" value="1" />
          <button type="submit" className="btn-secondary">
            Check the chain now
          </button>
        </form>
      </section>

      {result ? (
        <section aria-labelledby="rows-title" className="space-y-2">
          <h2 id="rows-title">
            {result.total} {result.total === 1 ? 'event' : 'events'}
            {result.pageCount > 1 ? `, page ${result.page} of ${result.pageCount}` : ''}
          </h2>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left text-sm">
              <caption className="sr-only">Audit events, newest first</caption>
              <thead>
                <tr className="border-b-2 border-slate-400">
                  <th scope="col" className="py-1 pr-3">When</th>
                  <th scope="col" className="py-1 pr-3">Who</th>
                  <th scope="col" className="py-1 pr-3">What</th>
                  <th scope="col" className="py-1 pr-3">Member</th>
                  <th scope="col" className="py-1 pr-3">App</th>
                  <th scope="col" className="py-1 pr-3">Details</th>
                  <th scope="col" className="py-1">Row</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row) => (
                  <tr key={row.id} className="border-b border-slate-200 align-top">
                    <td className="py-1 pr-3 whitespace-nowrap">{formatDateTime(row.at, 'en')}</td>
                    <td className="py-1 pr-3">{actorOf(row.actorKind, row.actorId)}</td>
                    <td className="py-1 pr-3">{row.action}</td>
                    <td className="py-1 pr-3">{row.memberId ?? ''}</td>
                    <td className="py-1 pr-3">{row.appId ?? ''}</td>
                    <td className="py-1 pr-3 break-all">
                      <code>{Object.keys(row.details).length ? JSON.stringify(row.details) : ''}</code>
                    </td>
                    <td className="py-1">
                      {row.id}
                      {row.seq ? ` · ${row.chain}#${row.seq}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.pageCount > 1 ? (
            <nav aria-label="Pages of the audit trail" className="flex gap-3">
              {result.page > 1 ? <a href={pageLink(result.page - 1)}>Newer</a> : null}
              {result.page < result.pageCount ? <a href={pageLink(result.page + 1)}>Older</a> : null}
            </nav>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

/** One of the search's dates, with what is wrong with it tied to the field. */
function DateFilter({ name, label, value, problem }: { name: string; label: string; value: string; problem?: string }) {
  return (
    <div>
      <label htmlFor={name} className="block font-semibold">
        {label}
      </label>
      {problem ? (
        <p id={`${name}-error`} className="font-semibold text-warning-700">
          {problem}
        </p>
      ) : null}
      <input
        id={name}
        name={name}
        type="date"
        defaultValue={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${name}-error` : undefined}
        className="field-input"
      />
    </div>
  );
}
