'use client';

import { BIRTH_DATE_FIELDS, BIRTH_DATE_LABEL_KEYS, type BirthDateField } from '@/lib/i18n/date-of-birth';
import { useFieldId, useFormState } from './action-form';

interface DateOfBirthFieldProps {
  legend: string;
  hint: string;
  labels: { month: string; day: string; year: string };
}

const BOX: Record<BirthDateField, [width: string, autoComplete: string, max: number]> = {
  birthMonth: ['w-16', 'bday-month', 2],
  birthDay: ['w-16', 'bday-day', 2],
  birthYear: ['w-24', 'bday-year', 4],
};

/** Month, day and year as three number boxes: easier than a date picker on a phone, and never ambiguous. */
export function DateOfBirthField({ legend, hint, labels }: DateOfBirthFieldProps) {
  const state = useFormState();
  const fieldId = useFieldId();
  const error = state.fieldErrors?.birthMonth ?? state.fieldErrors?.birthDay ?? state.fieldErrors?.birthYear;
  const describedBy = [fieldId('birth-hint'), error ? fieldId('birth-error') : null].filter(Boolean).join(' ');
  const part = (name: BirthDateField, label: string, width: string, autoComplete: string, max: number) => (
    <div key={name}>
      <label htmlFor={fieldId(name)} className="block text-sm font-semibold">
        {label}
      </label>
      <input
        id={fieldId(name)}
        name={name}
        key={`${name}-${state.submittedAt ?? 0}`}
        defaultValue={state.values?.[name]}
        inputMode="numeric"
        pattern="[0-9]*"
        maxLength={max}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`field-input ${width}`}
      />
    </div>
  );
  return (
    <fieldset className="mb-5">
      <legend className="font-semibold">{legend}</legend>
      <p id={fieldId('birth-hint')} className="text-sm text-slate-700">
        {hint}
      </p>
      {error ? (
        <p id={fieldId('birth-error')} className="mt-1 font-semibold text-warning-700">
          {error}
        </p>
      ) : null}
      <div className="mt-1 flex gap-3">
        {BIRTH_DATE_FIELDS.map((name) => part(name, labels[BIRTH_DATE_LABEL_KEYS[name]], ...BOX[name]))}
      </div>
    </fieldset>
  );
}
