'use client';

import { useFieldId, useFormState } from './action-form';

interface CheckboxFieldProps {
  name: string;
  label: string;
  hint?: string;
  value?: string;
  initialChecked?: boolean;
  /** For a group: the id of this one box. */
  id?: string;
  /** In a CheckboxGroup: the group shows the error once and ties it to the whole group. */
  inGroup?: boolean;
}

/** A large, labelled tick box; its error is tied to it and announced with the summary. */
export function CheckboxField({ name, label, hint, value = 'yes', initialChecked, id, inGroup = false }: CheckboxFieldProps) {
  const state = useFormState();
  const inputId = useFieldId()(id ?? name);
  const groupError = inGroup ? state.fieldErrors?.[name] : undefined;
  const error = inGroup || (id && id !== name) ? undefined : state.fieldErrors?.[name];
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
          aria-invalid={error || groupError ? true : undefined}
          aria-describedby={describedBy}
          className="mt-1 size-6 shrink-0 accent-brand-700"
        />
        {/* The hint is outside the label: it is read once, as the description. */}
        <div>
          <label htmlFor={inputId} className="font-medium">
            {label}
          </label>
          {hint ? (
            <p id={`${inputId}-hint`} className="text-sm text-slate-700">
              {hint}
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
