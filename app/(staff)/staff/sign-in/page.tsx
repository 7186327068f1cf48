import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import membersFixture from '@/lib/demo/fixtures/members.json';
import { safeReturnPath } from '@/lib/security/safe-return-path';
import { appConfig } from '@/lib/server/config/app-config';
import { loadStaffActor } from '@/lib/server/staff/load-staff-actor';
import { STAFF_LOCKED_ERROR, STAFF_OIDC_PROVIDER_ID } from '@/lib/server/staff/staff-auth-options';
import { staffOidcConfig } from '@/lib/server/staff/staff-oidc-config';
import { STAFF_SIGN_IN_LIMITS } from '@/lib/server/staff/sign-in-staff-with-password';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }): Promise<Metadata> {
  // A refused sign-in says so in the title too, the first thing a screen reader reads (WCAG 3.3.1).
  return { title: (await searchParams).error ? 'Error: Staff sign-in' : 'Staff sign-in' };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

const lockMinutes = STAFF_SIGN_IN_LIMITS.failuresPerUsername.windowSeconds / 60;
// The same words for an unknown username and a wrong password: nobody learns which usernames exist.
const ERRORS: Record<string, string> = {
  CredentialsSignin: 'That username and password do not work. Check both and try again.',
  [STAFF_LOCKED_ERROR]: `Too many tries that did not work. Wait ${lockMinutes} minutes and try again, or ask an administrator.`,
  AccessDenied: 'Your organization account does not give you a role in the staff console. Ask an administrator.',
  SessionRequired: 'Sign in to continue.',
};

/**
 * Staff sign-in: a plain form posted to next-auth's credentials provider (no JavaScript needed),
 * and, when configured, the payer's own identity provider. next-auth's double-submit CSRF cookie
 * is set by a first visit to its sign-in route, which sends the browser back here (`from=auth`).
 */
export default async function StaffSignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(one(params.callbackUrl)?.replace(/^https?:\/\/[^/]+/, ''), '/staff');
  if (await loadStaffActor()) redirect(callbackUrl.startsWith('/staff') ? callbackUrl : '/staff');

  const config = appConfig();
  const csrfCookie = (await cookies()).get(config.secureCookies ? '__Host-next-auth.csrf-token' : 'next-auth.csrf-token')?.value;
  const csrfToken = csrfCookie?.split('|')[0];
  if (!csrfToken && one(params.from) !== 'auth') redirect(`/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);

  const oidc = staffOidcConfig();
  const error = one(params.error);
  const demo = config.demoData ? membersFixture.staff : [];
  return (
    <div lang="en" className="mx-auto max-w-xl space-y-6">
      <h1>Staff sign-in</h1>
      {one(params.signedOut) === '1' ? (
        <p role="status" className="rounded-md border-2 border-ok-700 bg-green-50 p-3 font-semibold">
          You are signed out.
        </p>
      ) : null}
      {one(params.formKept) === '1' ? (
        <p role="status" className="rounded-md border-2 border-caution-800 bg-amber-50 p-3 font-semibold">
          Your session had ended, so that form was not sent. What you typed is kept for an hour: sign in again to go back to it.
        </p>
      ) : null}
      {error ? (
        <div id="sign-in-error" role="alert" className="rounded-md border-2 border-warning-700 bg-red-50 p-4">
          <h2 className="text-lg font-semibold text-warning-700">You are not signed in</h2>
          <p>{ERRORS[error] ?? 'Sign-in did not work. Try again.'}</p>
        </div>
      ) : null}
      {!csrfToken ? (
        <p role="alert" className="rounded-md border-2 border-warning-700 bg-red-50 p-4">
          Your browser did not keep the sign-in cookie. Allow cookies for this site, then reload the page.
        </p>
      ) : (
        <>
          <form method="post" action="/api/auth/callback/credentials" className="card space-y-4">
            <input type="hidden" name="csrfToken" value={csrfToken} />
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <div>
              <label htmlFor="username" className="block font-semibold">
                Username
              </label>
              <input
                id="username"
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                autoFocus
                aria-describedby={error ? 'sign-in-error' : undefined}
                aria-invalid={error ? true : undefined}
                className="field-input"
              />
            </div>
            <div>
              <label htmlFor="password" className="block font-semibold">
                Password
              </label>
              <input
                id="password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                aria-describedby={error ? 'sign-in-error' : undefined}
                aria-invalid={error ? true : undefined}
                className="field-input"
              />
            </div>
            <button type="submit" className="btn-primary">
              Sign in
            </button>
          </form>
          {oidc ? (
            <form method="post" action={`/api/auth/signin/${STAFF_OIDC_PROVIDER_ID}`}>
              <input type="hidden" name="csrfToken" value={csrfToken} />
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <button type="submit" className="btn-secondary">
                Sign in with {oidc.label}
              </button>
            </form>
          ) : null}
        </>
      )}
      <p className="text-sm text-slate-700">
        A session ends after 30 minutes without activity, and 8 hours after sign-in. {STAFF_SIGN_IN_LIMITS.failuresPerUsername.limit} tries that do not work lock the
        username for {lockMinutes} minutes.
      </p>
      {demo.length ? (
        <section aria-labelledby="demo-staff" className="rounded-md border border-slate-300 bg-slate-50 p-4 text-sm">
          <h2 id="demo-staff" className="text-base">
            Demo staff (demo data only)
          </h2>
          <ul className="mt-1 space-y-0.5">
            {demo.map((s) => (
              <li key={s.username}>
                <code>{s.username}</code> / <code>{s.demoPassword}</code>: {s.name}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
