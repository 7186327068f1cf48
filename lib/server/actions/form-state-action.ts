import 'server-only';
import { getLocale } from 'next-intl/server';
import { REFUSAL_WORDS } from '@/lib/server/errors/refused-request-page';
import { setPageStatus } from '@/lib/server/http/page-status';
import { log } from '@/lib/server/log/logger';
import type { FormState, FormStateAction } from './form-state';

/**
 * Every action of a form drawn by ActionForm, exported as
 * `export const approveShare = formStateAction(async (_, formData) => …)`.
 *
 * Why: Next.js runs an action with whatever arguments the request names. React's own forms send
 * (previous state, form data), but a no-JavaScript post naming the action as `$ACTION_ID_<id>`
 * sends the form data alone, and a hand-made fetch-action body any arguments at all; the action
 * then read `formData` as undefined, threw, and Next.js answered 500 with a stack trace in the log.
 * A call that is not (state, FormData) is refused here, before the action runs: a 400 for the page
 * drawn in answer, and the unreadable-form words as the form's message.
 */
export function formStateAction(action: (state: FormState, formData: FormData) => Promise<FormState>): FormStateAction {
  async function checkedAction(state: FormState, formData: FormData): Promise<FormState> {
    if (formData instanceof FormData) return action(state, formData);
    log.warn('action.wrongArguments');
    setPageStatus(400);
    const locale = (await getLocale()) === 'es' ? 'es' : 'en';
    return { formError: REFUSAL_WORDS[locale].unreadable.body, submittedAt: Date.now() };
  }
  return checkedAction as FormStateAction;
}
