export interface WeeklyReadsBar {
  /** Short label under the bar ("Nov 16"). */
  short: string;
  /** Full label for the table ("Week of November 16, 2026"). */
  label: string;
  reads: number;
  records: number;
}

interface WeeklyReadsChartProps {
  title: string;
  /** One sentence that says what the chart shows, for people who cannot see it. */
  summary: string;
  bars: WeeklyReadsBar[];
  labels: { week: string; reads: string; records: string; showTable: string };
}

const HEIGHT = 130;
const BAR_GAP = 6;
const BAR_WIDTH = 28;
const AXIS = 28;

/**
 * Reads per week as a small SVG bar chart (no chart library, no inline styles: the CSP allows
 * none). The image has a title and a one-sentence summary; the same numbers are in a table.
 */
export function WeeklyReadsChart({ title, summary, bars, labels }: WeeklyReadsChartProps) {
  const max = Math.max(1, ...bars.map((b) => b.reads));
  const width = AXIS + bars.length * (BAR_WIDTH + BAR_GAP);
  // Room above the tallest bar for its number.
  const scale = (value: number) => (value / max) * (HEIGHT - 18);
  return (
    <figure className="space-y-3">
      <figcaption className="text-lg font-semibold">{title}</figcaption>
      <div className="overflow-x-auto">
        <svg
          role="img"
          aria-labelledby="reads-chart-title reads-chart-desc"
          viewBox={`0 0 ${width} ${HEIGHT + 24}`}
          width={width}
          height={HEIGHT + 24}
          className="max-w-full"
        >
          <title id="reads-chart-title">{title}</title>
          <desc id="reads-chart-desc">{summary}</desc>
          <line x1={AXIS - 2} y1={HEIGHT} x2={width} y2={HEIGHT} className="stroke-slate-500" strokeWidth={1} />
          <text x={AXIS - 6} y={HEIGHT} textAnchor="end" className="fill-slate-700 text-[10px]">
            0
          </text>
          {bars.map((bar, i) => {
            const h = scale(bar.reads);
            const x = AXIS + i * (BAR_WIDTH + BAR_GAP);
            return (
              <g key={bar.label}>
                {bar.reads > 0 ? (
                  <>
                    <rect x={x} y={HEIGHT - h} width={BAR_WIDTH} height={h} rx={2} className="fill-brand-700" />
                    <text x={x + BAR_WIDTH / 2} y={HEIGHT - h - 3} textAnchor="middle" aria-hidden="true" className="fill-slate-900 text-[10px] font-semibold">
                      {bar.reads}
                    </text>
                  </>
                ) : null}
                <text x={x + BAR_WIDTH / 2} y={HEIGHT + 16} textAnchor="middle" className="fill-slate-700 text-[9px]">
                  {bar.short}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <p>{summary}</p>
      <details>
        <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-brand-700">{labels.showTable}</summary>
        <table className="mt-2 w-full max-w-md border-collapse text-left">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-1 pr-3">{labels.week}</th>
              <th scope="col" className="py-1 pr-3 text-right">{labels.reads}</th>
              <th scope="col" className="py-1 text-right">{labels.records}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.label} className="border-b border-slate-200">
                <th scope="row" className="py-1 pr-3 font-normal">{bar.label}</th>
                <td className="py-1 pr-3 text-right">{bar.reads}</td>
                <td className="py-1 text-right">{bar.records}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
