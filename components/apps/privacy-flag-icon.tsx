import type { PrivacyFlag } from '@/lib/privacy-questions';

/**
 * A shape per flag (circle, triangle, octagon), so the flags differ without colour too. Decorative:
 * the words beside it carry the meaning.
 */
export function PrivacyFlagIcon({ flag, className = 'size-5 shrink-0' }: { flag: PrivacyFlag; className?: string }) {
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false" className={className}>
      {flag === 'ok' && (
        <>
          <circle cx="10" cy="10" r="9" fill="currentColor" />
          <path d="M5.8 10.4l2.7 2.7 5.7-5.9" fill="none" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
        </>
      )}
      {flag === 'caution' && (
        <>
          <path d="M10 1.5 19 18H1Z" fill="currentColor" strokeLinejoin="round" />
          <path d="M10 7.5v4.5" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
          <circle cx="10" cy="15" r="1.2" fill="#fff" />
        </>
      )}
      {flag === 'warning' && (
        <>
          <path d="M6.3 1h7.4L19 6.3v7.4L13.7 19H6.3L1 13.7V6.3Z" fill="currentColor" />
          <path d="M10 5.5v5.5" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
          <circle cx="10" cy="14.2" r="1.3" fill="#fff" />
        </>
      )}
    </svg>
  );
}
