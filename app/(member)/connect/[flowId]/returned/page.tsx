import type { Metadata } from 'next';
import { eq } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/lib/db/client';
import { apps } from '@/lib/db/schema';
import { browserKey } from '@/lib/server/auth/browser-key';
import { loadConnectFlow } from '@/lib/server/connect/connect-flow-store';
import { unconnectedReturnUrl } from '@/lib/server/connect/return-to-app';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('connect'))('returnedTitle') };
}

/**
 * After "Go back to the app" (connect/[flowId]/return): the app has its answer waiting, and a link
 * takes the member there. A link, not the form's own redirect: the site's CSP keeps form
 * submissions on this origin (`form-action 'self'`).
 */
export default async function ReturnedToApp({ params }: { params: Promise<{ flowId: string }> }) {
  const { flowId } = await params;
  const flow = await loadConnectFlow(flowId, await browserKey({ create: false }));
  const url = flow ? await unconnectedReturnUrl(flow) : null;
  if (!flow || !url) redirect('/connect/expired');
  const [app] = await (await getDb()).select({ name: apps.name }).from(apps).where(eq(apps.id, flow.appId));
  const t = await getTranslations('connect');
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1>{t('returnedTitle')}</h1>
      <p>{t('returnedBody', { app: app.name })}</p>
      <a href={url} className="btn-primary">
        {t('returnToAppButton', { app: app.name })}
      </a>
    </div>
  );
}
