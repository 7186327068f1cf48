import { NextResponse, type NextRequest } from 'next/server';
import { getLocale } from 'next-intl/server';
import { browserKey } from '@/lib/server/auth/browser-key';
import { beginAppAuthorization } from '@/lib/server/connect/begin-app-authorization';
import { seeOther } from '@/lib/server/http/see-other';

export const dynamic = 'force-dynamic';

/** The authorization server's interaction URL: where an app-started connection enters the hub. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  // The provider's own cookie proves this browser started the authorization request.
  if (!/^[\w-]{10,64}$/.test(uid) || request.cookies.get('_interaction')?.value !== uid) {
    return seeOther('/connect/expired');
  }
  const key = (await browserKey({ create: true }))!;
  const entry = await beginAppAuthorization(uid, key, await getLocale());
  if (entry.kind === 'resume') return NextResponse.redirect(entry.url, 303);
  if (entry.kind === 'expired') return seeOther('/connect/expired');
  return seeOther(`/connect/${entry.flowId}/privacy`);
}
