import { z } from 'zod';

// Messages are keys in the `errors` namespace (see runFormAction).

/** A connection named in a form. Never trusted alone: every query also checks whose it is. */
const grantId = z.string().trim().regex(/^[0-9a-f-]{36}$/i, 'connectionNotFound');

export const stopSharingSchema = z.object({ grantId });

export const SHARING_CATEGORIES = ['personal', 'claims', 'providers', 'drugs', 'coverage'] as const;

/** How much sooner a changed connection may end, in days from today; 'keep' leaves the end date. */
export const END_CHOICES = ['keep', '7', '30', '60'] as const;

export const changeSharingSchema = z.object({
  grantId,
  categories: z.array(z.enum(SHARING_CATEGORIES)).min(1, 'chooseCategory'),
  includeSensitive: z.literal('yes').optional(),
  ends: z.enum(END_CHOICES, { message: 'chooseEnd' }),
});

export const REPORT_KINDS = ['breach', 'misuse'] as const;

export const reportProblemSchema = z
  .object({
    /** One of the member's connections, or 'other'. */
    about: z.string({ message: 'chooseApp' }).trim().min(1, 'chooseApp'),
    otherAppName: z.string().trim().max(120, 'invalid').optional().default(''),
    /** For a representative acting for more than one member. */
    memberId: z.string().trim().max(20, 'invalid').optional().default(''),
    kind: z.enum(REPORT_KINDS, { message: 'chooseReportKind' }),
    description: z.string().trim().min(10, 'describeProblem').max(4000, 'tooLong'),
    contact: z.string().trim().max(200, 'invalid').optional().default(''),
    /** Drawn once with the form: a report sent twice opens one case. */
    reportKey: z
      .string()
      .trim()
      .regex(/^[0-9a-f-]{36}$/i, 'invalid')
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.about === 'other' && v.otherAppName === '') ctx.addIssue({ code: 'custom', path: ['otherAppName'], message: 'nameTheApp' });
    if (v.about !== 'other' && !/^[0-9a-f-]{36}$/i.test(v.about)) ctx.addIssue({ code: 'custom', path: ['about'], message: 'chooseApp' });
  });

// What the account's live parts receive as JSON (and the page renders first, on the server). Texts
// are already in the reader's language, so the browser only shows them.

export interface ConnectionView {
  grantId: string;
  appName: string;
  /**
   * What the card's links are about, for a screen reader ("Stop sharing: …"): the app's name, and
   * who approved it when the member has more than one current connection with the app, so links
   * of two such cards are told apart (WCAG 2.4.4, 2.4.9).
   */
  linkName: string;
  state: 'active' | 'paused' | 'ended';
  /** Plain words for each kind of data the app may get. */
  categories: string[];
  sensitive: string;
  years: string;
  approvedBy: string;
  approvedOn: string;
  /** "Until" for a current connection; the day it ended for a past one. */
  endsOn: string;
  lastRead: string;
  /** ISO instant of the last read, for <time dateTime>. */
  lastReadAt: string | null;
  /** Why a past connection ended, or why a current one is paused. */
  note: string | null;
  /** False when the viewer may see but not stop or change it (the written policy, issue 13). */
  canChange?: boolean;
}

export interface MemberConnectionsView {
  memberId: string;
  /** "Your connections", or the member's name and the authority the representative acts under. */
  heading: string;
  /** What this viewer may see and do on this member's record, when it is less than everything. */
  note?: string | null;
  current: ConnectionView[];
  past: ConnectionView[];
}

export interface ConnectionsPayload {
  /** A representative sees one section per member they act for. */
  forRepresentative: boolean;
  members: MemberConnectionsView[];
}

export interface CaseView {
  id: string;
  reference: string;
  appName: string;
  kind: string;
  status: 'open' | 'in_review' | 'closed';
  statusLabel: string;
  reportedOn: string;
}

export interface CasesPayload {
  cases: CaseView[];
}
