import 'server-only';
import { appConfig } from '@/lib/server/config/app-config';

/** next-auth's own cookie name, so its helpers and ours read the same session. */
export function sessionCookieName(): string {
  return appConfig().secureCookies ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}
