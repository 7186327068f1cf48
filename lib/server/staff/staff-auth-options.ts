import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { appClock } from '@/lib/calendar';
import type { HubSession } from '@/lib/server/auth/hub-session';
import { authSecret } from '@/lib/server/auth/auth-secret';
import { appConfig } from '@/lib/server/config/app-config';
import { networkKey } from '@/lib/server/http/network-key';
import { log } from '@/lib/server/log/logger';
import { safeReturnPath } from '@/lib/security/safe-return-path';
import { recordOidcStaff } from './record-oidc-staff';
import { signInStaffWithPassword } from './sign-in-staff-with-password';
import { rolesForGroups, staffOidcConfig } from './staff-oidc-config';
import type { StaffRole } from './staff-permissions';
import { endSessionRecord } from '@/lib/server/auth/end-hub-sessions';
import { SESSION_LIFETIMES } from '@/lib/server/auth/session-lifetimes';
import { startStaffSession } from './staff-session';

/** Where next-auth sends the browser for its pages; `from=auth` tells the page its CSRF cookie is set. */
export const STAFF_SIGN_IN_PAGE = '/staff/sign-in?from=auth';
export const STAFF_OIDC_PROVIDER_ID = 'staff-oidc';
/** What `authorize` throws when the username is locked; next-auth hands it to the page as `error`. */
export const STAFF_LOCKED_ERROR = 'StaffLocked';

type StaffUser = { id: string; name: string; oidcRoles?: StaffRole[] };

/**
 * next-auth for staff: the credentials provider (username and password, checked by
 * signInStaffWithPassword) and, when configured, the payer's OpenID Connect provider. Its JWT in
 * its own cookie is the hub session (kind 'staff'), read like every other session by
 * readHubSession; the roles in it are informational, loadStaffActor reads them from the table.
 */
export async function staffAuthOptions(): Promise<NextAuthOptions> {
  const config = appConfig();
  const oidc = staffOidcConfig();
  return {
    secret: await authSecret(),
    useSecureCookies: config.secureCookies,
    // The cookie may last the shift; the session record (idle 30 minutes, 8 hours at most) decides.
    session: { strategy: 'jwt', maxAge: SESSION_LIFETIMES.staff.absoluteSeconds },
    // Staff sign out through the console's own form (a plain post to /staff/sign-out), and no provider sends mail: no
    // page of next-auth's own (English only, unstyled) is ever shown.
    pages: { signIn: STAFF_SIGN_IN_PAGE, error: STAFF_SIGN_IN_PAGE, signOut: STAFF_SIGN_IN_PAGE, verifyRequest: STAFF_SIGN_IN_PAGE },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Username and password',
        credentials: { username: { label: 'Username', type: 'text' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials): Promise<StaffUser | null> {
          const result = await signInStaffWithPassword({
            username: String(credentials?.username ?? ''),
            password: String(credentials?.password ?? ''),
            networkKey: await networkKey(),
          });
          if (result.ok) return { id: result.staff.username, name: result.staff.name };
          if (result.reason === 'locked') throw new Error(STAFF_LOCKED_ERROR);
          return null;
        },
      }),
      ...(oidc
        ? [
            {
              id: STAFF_OIDC_PROVIDER_ID,
              name: oidc.label,
              type: 'oauth' as const,
              wellKnown: `${oidc.issuer}/.well-known/openid-configuration`,
              clientId: oidc.clientId,
              clientSecret: oidc.clientSecret,
              idToken: true,
              checks: ['pkce' as const, 'state' as const],
              authorization: { params: { scope: oidc.scope } },
              profile(profile: Record<string, unknown>): StaffUser {
                const subject = String(profile.preferred_username ?? profile.email ?? profile.sub).trim().toLowerCase();
                return { id: `oidc:${subject}`, name: String(profile.name ?? subject), oidcRoles: rolesForGroups(oidc, profile[oidc.groupsClaim]) };
              },
            },
          ]
        : []),
    ],
    callbacks: {
      // The provider vouched for who they are; whether they may work here is decided here.
      async signIn({ user, account }) {
        if (account?.provider !== STAFF_OIDC_PROVIDER_ID) return true;
        const { id, name, oidcRoles = [] } = user as StaffUser;
        return (await recordOidcStaff({ username: id, name, roles: oidcRoles })) !== null;
      },
      // The token's `hub` and `sid` claims are what readHubSession reads for every kind of session.
      async jwt({ token, user }) {
        if (user) {
          const hub: Extract<HubSession, { kind: 'staff' }> = { kind: 'staff', username: user.id, roles: [], verifiedAt: appClock().now().getTime() };
          return { ...token, sub: user.id, hub, sid: await startStaffSession(hub) };
        }
        return token;
      },
      // After sign-in, only ever back into the staff console on this site.
      redirect: ({ url, baseUrl }) => {
        const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url;
        const safe = safeReturnPath(path, '/staff');
        return `${baseUrl}${safe.startsWith('/staff') && !safe.startsWith('/staff/sign-in') ? safe : '/staff'}`;
      },
    },
    // next-auth's own sign-out route (the console's button uses endHubSession) ends the record too.
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === 'string') await endSessionRecord(token.sid);
      },
    },
    logger: {
      // next-auth logs a wrong password as an error with a stack; the audit trail already has it.
      error: (code) => {
        if (code !== 'CLIENT_FETCH_ERROR') log.error('next-auth.error', { errorCode: code });
      },
      warn: () => {},
      debug: () => {},
    },
  };
}
