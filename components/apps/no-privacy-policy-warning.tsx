import { PrivacyFlagIcon } from './privacy-flag-icon';

/** Said plainly, near the top, for an app that published no privacy policy. */
export function NoPrivacyPolicyWarning({ title, body }: { title: string; body: string }) {
  return (
    <div className="flex gap-3 rounded-lg border-2 border-warning-700 bg-red-50 p-4 text-slate-900">
      <PrivacyFlagIcon flag="warning" className="mt-0.5 size-6 shrink-0 text-warning-700" />
      <p>
        <strong className="block text-lg text-warning-700">{title}</strong> {body}
      </p>
    </div>
  );
}
