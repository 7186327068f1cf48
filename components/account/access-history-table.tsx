export interface AccessHistoryRow {
  key: string;
  /** ISO instant, for <time dateTime>. */
  at: string;
  /** "Nov 23, 2026" */
  date: string;
  /** "9:43 AM" */
  time: string;
  what: string;
  /** "Search" or "One record". */
  how: string;
  records: number;
}

interface AccessHistoryTableProps {
  caption: string;
  labels: { when: string; what: string; records: string };
  rows: AccessHistoryRow[];
  paging: { label: string; position: string; newer: { href: string; label: string } | null; older: { href: string; label: string } | null };
}

/** Every read of one page of history, newest first, with plain links to newer and older pages (no JavaScript needed). */
export function AccessHistoryTable({ caption, labels, rows, paging }: AccessHistoryTableProps) {
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left">
          <caption className="mb-2 text-left text-lg font-semibold">{caption}</caption>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-2 pr-4">{labels.when}</th>
              <th scope="col" className="py-2 pr-4">{labels.what}</th>
              <th scope="col" className="py-2 text-right">{labels.records}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="border-b border-slate-200 align-top">
                <td className="py-2 pr-4 whitespace-nowrap">
                  <time dateTime={row.at}>
                    <span className="block">{row.date}</span>
                    <span className="block text-slate-700">{row.time}</span>
                  </time>
                </td>
                <td className="py-2 pr-4">
                  {row.what}
                  <span className="block text-sm text-slate-700">{row.how}</span>
                </td>
                <td className="py-2 text-right tabular-nums">{row.records}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label={paging.label} className="flex flex-wrap items-center justify-between gap-3">
        {paging.newer ? (
          <a href={paging.newer.href} rel="prev" className="inline-flex min-h-11 items-center">
            <span aria-hidden="true">←&nbsp;</span>
            {paging.newer.label}
          </a>
        ) : (
          <span />
        )}
        <p className="text-slate-700">{paging.position}</p>
        {paging.older ? (
          <a href={paging.older.href} rel="next" className="inline-flex min-h-11 items-center">
            {paging.older.label}
            <span aria-hidden="true">&nbsp;→</span>
          </a>
        ) : (
          <span />
        )}
      </nav>
    </div>
  );
}
