'use client';

import { usePathname } from 'next/navigation';
import { createContext, useContext, type ReactNode } from 'react';

export interface FormDraftContextValue {
  /** Whom the page was drawn for, sealed (lib/server/forms/form-drafts.ts): every ActionForm sends it. */
  seal: string;
  /** What was typed into one of the page's forms before the session ended, and the message that says so. */
  kept?: { path: string; form: string; values: Record<string, string>; message: string } | null;
}

const FormDraftContext = createContext<FormDraftContextValue | null>(null);

/**
 * The seal, and what was kept while the page it was kept for is shown: the provider sits in a
 * layout that stays drawn from page to page, and another page's form of the same name must not
 * get it.
 */
export function useFormDraft(): FormDraftContextValue | null {
  const draft = useContext(FormDraftContext);
  const pathname = usePathname();
  if (!draft?.kept || draft.kept.path === pathname) return draft;
  return { seal: draft.seal, kept: null };
}

/**
 * Around an area whose every form is kept when its session has ended (the staff console): the
 * ActionForms inside send the seal, and the one that was sent gets back what was typed.
 */
export function FormDraftProvider({ value, children }: { value: FormDraftContextValue; children: ReactNode }) {
  return <FormDraftContext.Provider value={value}>{children}</FormDraftContext.Provider>;
}
