interface TransfersChartProps {
  title: string;
  /** One sentence with the numbers, for people who cannot see the chart. */
  summary: string;
  rows: { label: string; members: number; membersMoreThanOnce: number }[];
}

const LABEL_WIDTH = 190;
const BAR_AREA = 360;
const ROW = 44;

/**
 * Members per app as paired horizontal bars (all transfers, and more than once), drawn as SVG on
 * the server: no chart library, no script, no inline style. The table beside it has the numbers.
 */
export function TransfersChart({ title, summary, rows }: TransfersChartProps) {
  const max = Math.max(1, ...rows.map((r) => r.members));
  const height = Math.max(1, rows.length) * ROW + 30;
  const width = LABEL_WIDTH + BAR_AREA + 50;
  const scale = (n: number) => (n / max) * BAR_AREA;
  return (
    <figure className="space-y-2">
      <svg role="img" aria-labelledby="transfers-chart-title transfers-chart-desc" viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="max-w-full">
        <title id="transfers-chart-title">{title}</title>
        <desc id="transfers-chart-desc">{summary}</desc>
        {rows.map((row, i) => {
          const y = i * ROW;
          return (
            <g key={row.label}>
              <text x={LABEL_WIDTH - 8} y={y + 20} textAnchor="end" className="fill-slate-900 text-[12px]">
                {row.label}
              </text>
              <rect x={LABEL_WIDTH} y={y + 6} width={Math.max(1, scale(row.members))} height={14} className="fill-brand-700" />
              <text x={LABEL_WIDTH + scale(row.members) + 4} y={y + 18} className="fill-slate-900 text-[11px]">
                {row.members}
              </text>
              <rect x={LABEL_WIDTH} y={y + 22} width={Math.max(1, scale(row.membersMoreThanOnce))} height={14} className="fill-slate-500" />
              <text x={LABEL_WIDTH + scale(row.membersMoreThanOnce) + 4} y={y + 34} className="fill-slate-900 text-[11px]">
                {row.membersMoreThanOnce}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${LABEL_WIDTH}, ${height - 18})`}>
          <rect width={12} height={12} className="fill-brand-700" />
          <text x={16} y={10} className="fill-slate-900 text-[11px]">
            Members with data transferred
          </text>
          <rect x={200} width={12} height={12} className="fill-slate-500" />
          <text x={216} y={10} className="fill-slate-900 text-[11px]">
            More than once
          </text>
        </g>
      </svg>
      <figcaption className="text-sm text-slate-700">{summary}</figcaption>
    </figure>
  );
}
