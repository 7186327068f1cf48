'use client';

import type { ReactNode } from 'react';
import { useFieldId, useFormState } from './action-form';

interface CheckboxGroupProps {
  name: string;
  legend: string;
  hint?: string;
  /** The legend is also a heading of the page (headings navigation finds the choice). */
  headingLevel?: 2 | 3;
  children: ReactNode;
}

/**
 * Tick boxes that answer one question: a fieldset whose legend is a heading, with the group's hint
 * and its one error tied to the whole group (every box is inside it), not to the first box only.
 * Its boxes are CheckboxFields with `inGroup`.
 */
export function CheckboxGroup({ name, legend, hint, headingLevel = 2, children }: CheckboxGroupProps) {
  const state = useFormState();
  const id = useFieldId()(name);
  const error = state.fieldErrors?.[name];
  const Heading = `h${headingLevel}` as 'h2' | 'h3';
  const describedBy = [hint ? `${id}-group-hint` : null, error ? `${id}-group-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className="space-y-3" aria-describedby={describedBy} data-group={name}>
      <legend>
        <Heading className="text-xl font-semibold">{legend}</Heading>
      </legend>
      {hint ? (
        <p id={`${id}-group-hint`} className="text-slate-700">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-group-error`} className="font-semibold text-warning-700">
          {error}
        </p>
      ) : null}
      {children}
    </fieldset>
  );
}
