import Link from 'next/link';
import { DEVELOPER_TEXT_LANG } from '@/lib/privacy-questions';
import { PrivacyFlagIcon } from './privacy-flag-icon';

interface GalleryAppCardProps {
  app: { id: string; name: string; summary: string; hasPrivacyPolicy: boolean };
  madeBy: string;
  noPolicyNote: string;
}

/** One app in the gallery; the whole card opens the app's page, through its one link (the name). */
export function GalleryAppCard({ app, madeBy, noPolicyNote }: GalleryAppCardProps) {
  return (
    <li className="card relative flex flex-col gap-2 transition-colors hover:border-brand-700 hover:bg-brand-50">
      <h3 className="text-xl leading-snug font-semibold">
        <Link prefetch={false} href={`/apps/${app.id}`} className="inline-flex min-h-11 items-center after:absolute after:inset-0 after:content-['']">
          {app.name}
        </Link>
      </h3>
      <p className="text-sm text-slate-700">{madeBy}</p>
      <p lang={DEVELOPER_TEXT_LANG}>{app.summary}</p>
      {!app.hasPrivacyPolicy && (
        <p className="mt-auto inline-flex items-center gap-1.5 self-start rounded-full border border-warning-700 bg-red-50 px-2.5 py-0.5 text-sm font-semibold text-warning-700">
          <PrivacyFlagIcon flag="warning" className="size-4 shrink-0" />
          {noPolicyNote}
        </p>
      )}
    </li>
  );
}
