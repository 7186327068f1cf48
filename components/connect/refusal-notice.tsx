import { ExternalLink } from '@/components/ui/external-link';

interface RefusalNoticeProps {
  reason: string;
  nextStep: string;
  records?: { href: string; label: string } | null;
}

/** Why an app cannot be connected, and what to do instead: never a dead end. Under the step's h1, which says it cannot be. */
export function RefusalNotice({ reason, nextStep, records }: RefusalNoticeProps) {
  return (
    <div role="alert" className="space-y-2 rounded-lg border-2 border-caution-800 bg-amber-50 p-5">
      <p>{reason}</p>
      <p>{nextStep}</p>
      {records ? (
        <p>
          <ExternalLink href={records.href}>{records.label}</ExternalLink>
        </p>
      ) : null}
    </div>
  );
}
