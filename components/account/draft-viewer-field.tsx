import type { FormState } from '@/lib/server/actions/form-state';
import type { AccountViewer } from '@/lib/server/account/account-scope';
import { DRAFT_OWNER_FIELD } from '@/lib/forms/draft-owner-field';
import { draftViewerSeal } from '@/lib/server/forms/form-drafts';

/**
 * The hidden field that names, sealed, whom an account form was drawn for: if their session has
 * ended when they send it, what they typed is kept for them (lib/server/forms/form-drafts.ts).
 */
export async function DraftViewerField({ viewer }: { viewer: AccountViewer }) {
  const sealed = await draftViewerSeal(viewer);
  return <input type="hidden" name={DRAFT_OWNER_FIELD} value={sealed} />;
}

/** A form's state with what was typed before the session ended, and the message that says so. */
export function restoredDraftState(values: Record<string, string> | null, message: string): FormState | undefined {
  return values ? { values, message, submittedAt: 0 } : undefined;
}
