'use client';

import { Fragment } from 'react';
import { useFormState } from './action-form';
import { FieldFrame } from './field-frame';

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
  const value = state.values?.[name] ?? initialValue ?? '';
  const option = (o: { value: string; label: string }) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <FieldFrame name={name} label={label} hint={hint} className={className}>
      {({ id, error, describedBy, submittedAt }) => (
        <select
          id={id}
          name={name}
          key={`${name}-${submittedAt}`}
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
      )}
    </FieldFrame>
  );
}
