/** What a form action hands back to its page: messages already in the user's language. */
export interface FormState {
  ok?: boolean;
  formError?: string;
  fieldErrors?: Record<string, string>;
  /** What the person typed, so nothing is lost on an error (never codes or secrets). */
  values?: Record<string, string>;
  /** Changes on every submit, so the page can move focus to a new error summary. */
  submittedAt?: number;
  message?: string;
  /** Shown once on the page that answers this submit and never again (a new client secret): never stored, never in a URL. */
  oneTime?: Record<string, string>;
  /** Links the page lists after the action (the staff console's lookup matches). */
  items?: { href: string; title: string; detail?: string }[];
}

export const EMPTY_FORM_STATE: FormState = {};

declare const argumentsChecked: unique symbol;

/**
 * An action a form drawn by ActionForm posts to: (previous state, form data), as useActionState
 * calls it. Only `formStateAction` makes one, so a form cannot be given an action that skips its
 * check of the arguments.
 */
export type FormStateAction = ((state: FormState, formData: FormData) => Promise<FormState>) & { readonly [argumentsChecked]: true };
