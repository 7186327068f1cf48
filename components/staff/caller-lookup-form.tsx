'use client';

import { useEffect, useRef } from 'react';
import { ActionForm, useFormState } from '@/components/forms/action-form';
import { DateOfBirthField } from '@/components/forms/date-of-birth-field';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import type { FormStateAction } from '@/lib/server/actions/form-state';

/**
 * The caller lookup, keyboard first: the ID box has the focus when the page opens, Enter finds,
 * and when several people match, the focus moves to the list of them.
 */
export function CallerLookupForm({ action }: { action: FormStateAction }) {
  return (
    <ActionForm action={action} errorTitle="The lookup did not work" className="space-y-4">
      <TextField name="id" label="Member ID or representative ID" hint="As the caller reads it: spaces and dashes do not matter." autoComplete="off" autoFocus className="mb-2 max-w-md" />
      <fieldset className="space-y-2 rounded-md border border-slate-300 p-4">
        <legend className="px-1 font-semibold">Or: name and date of birth</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField name="lastName" label="Last name" autoComplete="off" className="mb-0" />
          <TextField name="firstName" label="First name (if they give it)" autoComplete="off" className="mb-0" />
        </div>
        <DateOfBirthField legend="Date of birth" hint="Month, day and year, like 3 12 1984." labels={{ month: 'Month', day: 'Day', year: 'Year' }} />
      </fieldset>
      <SubmitButton>Find</SubmitButton>
      <LookupMatches />
    </ActionForm>
  );
}

function LookupMatches() {
  const state = useFormState();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (state.items?.length) heading.current?.focus();
  }, [state.submittedAt, state.items?.length]);
  if (!state.items?.length) return null;
  return (
    <section aria-labelledby="matches-title" className="space-y-2">
      <h2 id="matches-title" ref={heading} tabIndex={-1}>
        People who match
      </h2>
      <ul className="space-y-2">
        {state.items.map((item) => (
          <li key={item.href} className="card">
            <a href={item.href} className="text-lg font-semibold">
              {item.title}
            </a>
            {item.detail ? <p className="text-sm text-slate-700">{item.detail}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
