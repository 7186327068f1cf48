'use client';

import { useFieldId, useFormState } from './action-form';

interface RadioGroupProps {
  name: string;
  legend: string;
  options: { value: string; label: string; hint?: string }[];
  initialValue?: string;
  /** The legend is also a heading of the page (headings navigation finds the choice). */
  headingLevel?: 2 | 3;
}

/** A fieldset of radio buttons with a legend; the group's error is announced with it. */
export function RadioGroup({ name, legend, options, initialValue, headingLevel }: RadioGroupProps) {
  const Heading = headingLevel ? (`h${headingLevel}` as 'h2' | 'h3') : null;
  const state = useFormState();
  const fieldId = useFieldId();
  const error = state.fieldErrors?.[name];
  const current = state.values?.[name] ?? initialValue;
  return (
    <fieldset className="mb-5 space-y-2" aria-describedby={error ? `${fieldId(name)}-error` : undefined}>
      <legend className="mb-1 font-semibold">{Heading ? <Heading className="text-xl font-semibold">{legend}</Heading> : legend}</legend>
      {error ? (
        <p id={`${fieldId(name)}-error`} className="font-semibold text-warning-700">
          {error}
        </p>
      ) : null}
      {options.map((option, index) => {
        const id = fieldId(index === 0 ? name : `${name}-${option.value}`);
        return (
          <div key={option.value} className="flex items-start gap-3">
            <input
              type="radio"
              id={id}
              name={name}
              value={option.value}
              key={`${id}-${state.submittedAt ?? 0}`}
              defaultChecked={current === option.value}
              aria-describedby={option.hint ? `${id}-hint` : undefined}
              className="mt-1 size-6 shrink-0 accent-brand-700"
            />
            {/* The hint is outside the label: it is read once, as the description. */}
            <div>
              <label htmlFor={id}>{option.label}</label>
              {option.hint ? (
                <p id={`${id}-hint`} className="text-sm text-slate-700">
                  {option.hint}
                </p>
              ) : null}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
