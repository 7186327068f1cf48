'use client';

import { useFormState } from './action-form';

interface CheckboxFieldProps {
  name: string;
  label: string;
  hint?: string;
  value?: string;
  initialChecked?: boolean;
  /** For a group: the id of this one box (the group's error is tied to the first). */
  id?: string;
}

/** A large, labelled tick box; its error is tied to it and announced with the summary. */
export function CheckboxField({ name, label, hint, value = 'yes', initialChecked, id }: CheckboxFieldProps) {
  const state = useFormState();
  const inputId = id ?? name;
  const error = id && id !== name ? undefined : state.fieldErrors?.[name];
  const submitted = state.values !== undefined;
  const checked = submitted ? (state.values?.[`${name}:${value}`] ?? state.values?.[name]) === value : Boolean(initialChecked);
  const describedBy = [hint ? `${inputId}-hint` : null, error ? `${inputId}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1">
      {error ? (
        <p id={`${inputId}-error`} className="font-semibold text-warning-700">
          {error}
        </p>
      ) : null}
      <div className="flex items-start gap-3">
        <input
          type="checkbox"
          id={inputId}
          name={name}
          value={value}
          key={`${inputId}-${state.submittedAt ?? 0}`}
          defaultChecked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className="mt-1 size-6 shrink-0 accent-brand-700"
        />
        <label htmlFor={inputId} className="font-medium">
          {label}
          {hint ? (
            <span id={`${inputId}-hint`} className="block text-sm font-normal text-slate-700">
              {hint}
            </span>
          ) : null}
        </label>
      </div>
    </div>
  );
}
