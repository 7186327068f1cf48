'use client';

import type { ReactNode } from 'react';
import { useFieldId, useFormState } from './action-form';

interface FieldFrameProps {
  name: string;
  label: string;
  hint?: string;
  className?: string;
  /** The control, given its error state and the ids that describe it. */
  children: (props: { id: string; error?: string; describedBy?: string; submittedAt: number }) => ReactNode;
}

/** Label, hint and error above a control, the error tied to it with aria-describedby. */
export function FieldFrame({ name, label, hint, className, children }: FieldFrameProps) {
  const state = useFormState();
  const id = useFieldId()(name);
  const error = state.fieldErrors?.[name];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ?? 'mb-5'}>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 font-semibold text-warning-700">
          {error}
        </p>
      ) : null}
      {children({ id, error, describedBy, submittedAt: state.submittedAt ?? 0 })}
    </div>
  );
}
