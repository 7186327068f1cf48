'use client';

import { useFormState } from '@/components/forms/action-form';

interface TextAreaFieldProps {
  name: string;
  label: string;
  hint?: string;
  rows?: number;
  maxLength?: number;
  required?: boolean;
}

/** A labelled text box for a few sentences; its error is tied to it, and what was typed comes back on an error. */
export function TextAreaField({ name, label, hint, rows = 6, maxLength, required }: TextAreaFieldProps) {
  const state = useFormState();
  const error = state.fieldErrors?.[name];
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="mb-5">
      <label htmlFor={name} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={`${name}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${name}-error`} className="mt-1 font-semibold text-warning-700">
          {error}
        </p>
      ) : null}
      <textarea
        id={name}
        name={name}
        key={`${name}-${state.submittedAt ?? 0}`}
        defaultValue={state.values?.[name]}
        rows={rows}
        maxLength={maxLength}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="field-input"
      />
    </div>
  );
}
