import { DEVELOPER_TEXT_LANG } from '@/lib/privacy-questions';

export interface PrivacyChangeItem {
  grantId: string;
  appName: string;
  /** "Changed on November 2, 2026", or empty when the date is not known. */
  changedOn: string;
  /** Each side is the developer's answer (in DEVELOPER_TEXT_LANG), or null for none. */
  changes: { question: string; before: string | null; after: string | null }[];
}

interface PrivacyChangesNoticeProps {
  title: string;
  lead: (appName: string) => string;
  labels: { before: string; after: string; noAnswer: string };
  items: PrivacyChangeItem[];
}

/** Apps whose privacy answers changed since the member connected: each question, old answer → new. */
export function PrivacyChangesNotice({ title, lead, labels, items }: PrivacyChangesNoticeProps) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="privacy-changes-title" className="space-y-4 rounded-lg border-2 border-caution-800 bg-amber-50 p-5">
      <h2 id="privacy-changes-title">{title}</h2>
      {items.map((item) => (
        <div key={item.grantId} className="space-y-3">
          <p className="font-semibold">
            {lead(item.appName)} {item.changedOn}
          </p>
          <ul className="space-y-3">
            {item.changes.map((change) => (
              <li key={change.question} className="rounded-md border border-slate-300 bg-white p-3">
                <p className="font-semibold">{change.question}</p>
                <dl className="mt-1 space-y-1">
                  <div>
                    <dt className="inline font-semibold text-slate-700">{labels.before}: </dt>
                    <dd className="inline" lang={change.before === null ? undefined : DEVELOPER_TEXT_LANG}>
                      {change.before ?? labels.noAnswer}
                    </dd>
                  </div>
                  <div>
                    <dt className="inline font-semibold text-slate-700">
                      <span aria-hidden="true">→ </span>
                      {labels.after}:{' '}
                    </dt>
                    <dd className="inline" lang={change.after === null ? undefined : DEVELOPER_TEXT_LANG}>
                      {change.after ?? labels.noAnswer}
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
