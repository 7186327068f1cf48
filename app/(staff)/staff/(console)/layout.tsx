import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { FormDraftProvider } from '@/components/forms/form-draft-context';
import { StaffNav } from '@/components/staff/staff-nav';
import { StaffSessionWarning } from '@/components/staff/staff-session-warning';
import { DRAFT_FORM_FIELD } from '@/lib/forms/draft-owner-field';
import { appClock } from '@/lib/calendar';
import { readSessionExpiry } from '@/lib/server/account/read-session-expiry';
import { SESSION_LIFETIMES } from '@/lib/server/auth/session-lifetimes';
import { draftViewerSeal, takeFormDraft } from '@/lib/server/forms/form-drafts';
import { requireStaff } from '@/lib/server/staff/require-staff';
import { ROLE_LABELS, isStaffRole } from '@/lib/server/staff/staff-permissions';
import { staySignedInStaff } from './session/actions';
import { STAFF_NAV_ENTRIES } from './staff-nav-entries';

const FORM_KEPT_MESSAGE = 'Your session had ended, so this form was not sent. What you typed is back: check it and send it again.';

/**
 * The staff console's frame: its own navigation (only the tools this user's roles open), sign out,
 * the idle warning two minutes before the 30 minutes run out (WCAG 2.2.1), and the forms' drafts:
 * every form sends whom the page was drawn for, so one sent after the session ended is kept
 * (lib/server/forms/form-drafts.ts), and after signing in again, back on its page (a full load,
 * so this layout is drawn), it holds what was typed. English only, and marked so. Every page
 * checks its own permission again: a layout is not a guard, it does not run on every navigation.
 */
export default async function StaffConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireStaff();
  const roles = actor.roles.filter(isStaffRole).map((role) => ROLE_LABELS[role]);
  const owner = { kind: 'staff', username: actor.username } as const;
  const page = (await headers()).get('x-pathname') ?? '/staff';
  const path = page.split('?')[0];
  const [seal, values, expiry] = await Promise.all([draftViewerSeal(owner), takeFormDraft(owner, path), readSessionExpiry()]);
  const kept = values?.[DRAFT_FORM_FIELD] ? { path, form: values[DRAFT_FORM_FIELD], values, message: FORM_KEPT_MESSAGE } : null;
  return (
    <div lang="en" className="space-y-6 pb-24">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b-2 border-slate-300 pb-3">
        <StaffNav entries={STAFF_NAV_ENTRIES.filter((e) => actor.permissions.has(e.permission)).map(({ href, label }) => ({ href, label }))} />
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <p>
            Signed in as <strong>{actor.name}</strong> ({actor.username}; {roles.join(', ') || 'no role'})
          </p>
          {/* A plain post and a 303, not a server action: a new document, with no caller's record left in it. */}
          <form method="post" action="/staff/sign-out">
            <button type="submit" className="btn-secondary">
              Sign out
            </button>
          </form>
        </div>
      </div>
      <FormDraftProvider value={{ seal, kept }}>{children}</FormDraftProvider>
      {expiry ? (
        <StaffSessionWarning
          secondsLeft={expiry.secondsLeft}
          expiresAt={expiry.expiresAt}
          idleSeconds={SESSION_LIFETIMES.staff.idleSeconds}
          absoluteSecondsLeft={Math.floor((actor.verifiedAt + SESSION_LIFETIMES.staff.absoluteSeconds * 1000 - appClock().now().getTime()) / 1000)}
          renew={staySignedInStaff}
        />
      ) : null}
    </div>
  );
}
