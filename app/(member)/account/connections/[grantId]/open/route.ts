import { NextResponse, type NextRequest } from 'next/server';
import { findAccountConnection } from '@/lib/server/account/list-account-connections';
import { loadSignedInAccount } from '@/lib/server/account/load-signed-in-account';
import { browserKey } from '@/lib/server/auth/browser-key';
import { appConfig } from '@/lib/server/config/app-config';
import { createPortalLaunch } from '@/lib/server/connect/portal-launch';
import { seeOther } from '@/lib/server/http/see-other';

export const dynamic = 'force-dynamic';

/**
 * "Open the app" for a connection in force (after a change, the app needs a new authorization): a
 * SMART launch from the portal, bound to this browser, like the gallery's. Anything else goes back
 * to the connection's page.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ grantId: string }> }) {
  const { grantId } = await params;
  const account = await loadSignedInAccount();
  if (!account) return seeOther('/account');
  const connection = await findAccountConnection(account.scope, grantId);
  if (!connection) return seeOther('/account');
  if (connection.state !== 'active' || !connection.appLaunchUrl) return seeOther(`/account/connections/${grantId}`);
  const launch = await createPortalLaunch(connection.grantId, (await browserKey({ create: true }))!);
  const url = new URL(connection.appLaunchUrl);
  url.searchParams.set('iss', appConfig().fhirBaseUrl);
  url.searchParams.set('launch', launch);
  return NextResponse.redirect(url, 303);
}
