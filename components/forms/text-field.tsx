'use client';

import type { InputHTMLAttributes } from 'react';
import { useFormState } from './action-form';
import { FieldFrame } from './field-frame';

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
  const value = secret ? undefined : (state.values?.[name] ?? initialValue);
  return (
    <FieldFrame name={name} label={label} hint={hint} className={className}>
      {({ id, error, describedBy, submittedAt }) => (
        <input
          id={id}
          name={name}
          key={`${name}-${submittedAt}`}
          defaultValue={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className="field-input"
          {...input}
        />
      )}
    </FieldFrame>
  );
}

interface TextAreaFieldProps {
  name: string;
  label: string;
  hint?: string;
  rows?: number;
  maxLength?: number;
  required?: boolean;
  /** Used when the form has not been submitted yet. */
  initialValue?: string;
}

/** A labelled text box for a few sentences; what was typed comes back on an error. */
export function TextAreaField({ name, label, hint, rows = 6, maxLength, required, initialValue }: TextAreaFieldProps) {
  const state = useFormState();
  return (
    <FieldFrame name={name} label={label} hint={hint}>
      {({ id, error, describedBy, submittedAt }) => (
        <textarea
          id={id}
          name={name}
          key={`${name}-${submittedAt}`}
          defaultValue={state.values?.[name] ?? initialValue}
          rows={rows}
          maxLength={maxLength}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className="field-input"
        />
      )}
    </FieldFrame>
  );
}
