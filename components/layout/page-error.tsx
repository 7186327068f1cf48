'use client';

import en from '@/lib/i18n/messages/en/errors.json';
import es from '@/lib/i18n/messages/es/errors.json';

/**
 * What a member sees when a page cannot be built (the database restarting, full or read-only): a
 * plain "try again in a minute" in English and Spanish (the error boundary cannot know the page's
 * language without asking the server that just failed), never a stack trace. "Try again" reloads
 * the page, with or without JavaScript.
 */
export function PageError({ reset }: { reset?: () => void }) {
  return (
    <div className="space-y-6" role="alert">
      <section lang="en" className="space-y-2">
        <h1>{en.pageUnavailableTitle}</h1>
        <p>{en.pageUnavailableBody}</p>
      </section>
      <section lang="es" className="space-y-2">
        <h2>{es.pageUnavailableTitle}</h2>
        <p>{es.pageUnavailableBody}</p>
      </section>
      <a
        href=""
        className="btn-primary"
        onClick={(event) => {
          if (!reset) return;
          event.preventDefault();
          reset();
          window.location.reload();
        }}
      >
        {en.tryAgain} <span lang="es">/ {es.tryAgain}</span>
      </a>
    </div>
  );
}
