'use client';

import { Fragment } from 'react';
import { useFieldId, useFormState } from './action-form';

interface SelectFieldProps {
  name: string;
  label: string;
  hint?: string;
  /** The first, empty choice ("Choose…"): choosing nothing is a choice the server refuses. */
  placeholder?: string;
  groups: { label?: string; options: { value: string; label: string }[] }[];
  initialValue?: string;
  className?: string;
}

/** A labelled drop-down; its error is tied to it, and the choice comes back after an error. */
export function SelectField({ name, label, hint, placeholder, groups, initialValue, className }: SelectFieldProps) {
  const state = useFormState();
  const id = useFieldId()(name);
  const error = state.fieldErrors?.[name];
  const value = state.values?.[name] ?? initialValue ?? '';
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const option = (o: { value: string; label: string }) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
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
      <select
        id={id}
        name={name}
        key={`${name}-${state.submittedAt ?? 0}`}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="field-input"
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {groups.map((group, index) =>
          group.label ? (
            <optgroup key={group.label} label={group.label}>
              {group.options.map(option)}
            </optgroup>
          ) : (
            <Fragment key={index}>{group.options.map(option)}</Fragment>
          ),
        )}
      </select>
    </div>
  );
}
