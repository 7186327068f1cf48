import { NextResponse, type NextRequest } from 'next/server';
import { getLocale } from 'next-intl/server';
import { browserKey } from '@/lib/server/auth/browser-key';
import { startConnectFlow } from '@/lib/server/connect/connect-flow-store';
import { findGalleryApp } from '@/lib/server/apps/find-gallery-app';
import { seeOther } from '@/lib/server/http/see-other';

export const dynamic = 'force-dynamic';

/** "Connect this app" from the gallery: starts a connection with the app already chosen (step 1 done). */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  // A link prefetch must not start a connection.
  if (request.headers.get('next-router-prefetch') || request.headers.get('sec-purpose')?.includes('prefetch')) {
    return new NextResponse(null, { status: 204 });
  }
  const { id } = await params;
  const app = await findGalleryApp(id);
  if (!app) return seeOther('/apps');
  const key = (await browserKey({ create: true }))!;
  const flowId = await startConnectFlow({ appId: app.id, entry: 'gallery', interactionUid: null, browserKey: key, locale: await getLocale() });
  return seeOther(`/connect/${flowId}/privacy`);
}
