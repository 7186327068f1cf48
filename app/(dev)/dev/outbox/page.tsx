import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { appConfig } from '@/lib/server/config/app-config';
import { readDevOutbox } from '@/lib/server/mail/read-dev-outbox';

export const metadata: Metadata = { title: 'Dev outbox', robots: { index: false } };

/**
 * Demo mode only (DEMO_DATA on, no SMTP_URL): the mail the hub would have sent, so a person
 * trying the demo can read their identity code. A tool for developers, in English only.
 */
export default async function DevOutbox() {
  const config = appConfig();
  if (!config.demoMode || config.smtpUrl) notFound();
  const messages = await readDevOutbox();
  return (
    <div className="space-y-4" lang="en">
      <h1>Dev outbox</h1>
      <p>Demo mode only: mail is written here instead of being sent. Newest first.</p>
      {messages.length === 0 ? (
        <p>No mail yet.</p>
      ) : (
        <ol className="space-y-4">
          {messages.slice(0, 50).map((m, index) => (
            <li key={`${m.sentAt}-${index}`} className="card space-y-1">
              <p className="font-semibold">{m.subject}</p>
              <p className="text-sm text-slate-700">
                To {m.to} · {m.sentAt}
              </p>
              <pre className="whitespace-pre-wrap font-sans">{m.text}</pre>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
