'use client';

import type { InputHTMLAttributes } from 'react';
import { useFormState } from './action-form';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'> {
  name: string;
  label: string;
  hint?: string;
  /** Used when the form has not been submitted yet. */
  initialValue?: string;
  /** Secret fields (codes) never come back filled. */
  secret?: boolean;
}

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export function TextField({ name, label, hint, initialValue, secret, className, ...input }: TextFieldProps) {
  const state = useFormState();
  const error = state.fieldErrors?.[name];
  const value = secret ? undefined : (state.values?.[name] ?? initialValue);
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ?? 'mb-5'}>
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
      <input
        id={name}
        name={name}
        key={`${name}-${state.submittedAt ?? 0}`}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="field-input"
        {...input}
      />
    </div>
  );
}
