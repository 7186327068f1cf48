'use client';

import { createContext, useActionState, useCallback, useContext, useEffect, useId, useRef, type ReactNode } from 'react';
import { DRAFT_FORM_FIELD, DRAFT_OWNER_FIELD } from '@/lib/forms/draft-owner-field';
import type { FormState, FormStateAction } from '@/lib/server/actions/form-state';
import { useFormDraft } from './form-draft-context';

/** Exported for component tests that render a field with a form's answer. */
export const FormStateContext = createContext<FormState>({});
export const useFormState = () => useContext(FormStateContext);

/** A field's element id from its name: the name itself, or `name-<idSuffix>` inside an ActionForm given one. */
const FieldIdContext = createContext<(name: string) => string>((name) => name);
export const useFieldId = () => useContext(FieldIdContext);

interface ActionFormProps {
  /** Made by formStateAction, which refuses a call that is not (state, form data). */
  action: FormStateAction;
  /** Heading of the error summary, in the user's language. */
  errorTitle: string;
  children: ReactNode;
  className?: string;
  /**
   * Each field's name as its label shows it: the summary's links then say which field they go to
   * ("ZIP code: Enter the 5-digit ZIP code…"), not only the message (WCAG 2.4.4).
   */
  fieldLabels?: Record<string, string>;
  /** The form's state before any send: what the user typed before their session ended, with a message (form-drafts.ts). */
  initialState?: FormState;
  /**
   * Where a page repeats this form (one per row), something unique to the row: every field's id
   * then ends with it, so each label drives its own form's field. The posted names stay the same.
   */
  idSuffix?: string;
}

/**
 * A server-action form that also works without JavaScript (React posts it and the server renders
 * the returned state). Errors: a summary at the top with links to the fields, focused when it
 * appears; each field shows its own message (see TextField). Inside a FormDraftProvider (the staff
 * console) it also sends whom the page was drawn for, and the form sent when the session had ended
 * comes back holding what was typed.
 */
export function ActionForm({ action, errorTitle, children, className, fieldLabels, initialState, idSuffix }: ActionFormProps) {
  const draft = useFormDraft();
  // Which form a kept draft belongs to: its title, and its suffix where a page repeats a form (one per authority).
  const formKey = idSuffix ? `${errorTitle}#${idSuffix}` : errorTitle;
  const kept = draft?.kept?.form === formKey ? draft.kept : null;
  const [state, formAction] = useActionState(action, initialState ?? (kept ? { values: kept.values, message: kept.message, submittedAt: 0 } : ({} as FormState)));
  const summary = useRef<HTMLDivElement>(null);
  const summaryTitleId = useId();
  const fieldId = useCallback((name: string) => (idSuffix ? `${name}-${idSuffix}` : name), [idSuffix]);
  const hasErrors = Boolean(state.formError || (state.fieldErrors && Object.keys(state.fieldErrors).length));
  useEffect(() => {
    if (hasErrors) summary.current?.focus();
  }, [state.submittedAt, hasErrors]);
  return (
    <FormStateContext.Provider value={state}>
      <FieldIdContext.Provider value={fieldId}>
        <form action={formAction} className={className} noValidate>
          {draft ? (
            <>
              <input type="hidden" name={DRAFT_OWNER_FIELD} value={draft.seal} />
              <input type="hidden" name={DRAFT_FORM_FIELD} value={formKey} />
            </>
          ) : null}
          {hasErrors ? (
            <div ref={summary} tabIndex={-1} role="alert" aria-labelledby={summaryTitleId} className="mb-6 rounded-md border-2 border-warning-700 bg-red-50 p-4">
              <h2 id={summaryTitleId} className="text-lg font-semibold text-warning-700">
                {errorTitle}
              </h2>
              {state.formError ? <p className="mt-1">{state.formError}</p> : null}
              {state.fieldErrors ? (
                <ul className="mt-2 list-disc pl-6">
                  {Object.entries(state.fieldErrors).map(([field, message]) => (
                    <li key={field}>
                      <a href={`#${fieldId(field)}`}>{fieldLabels?.[field] ? `${fieldLabels[field]}: ${message}` : message}</a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          {state.message ? (
            <p role="status" className="mb-4 rounded-md border border-ok-700 bg-green-50 p-3">
              {state.message}
            </p>
          ) : null}
          {children}
        </form>
      </FieldIdContext.Provider>
    </FormStateContext.Provider>
  );
}
