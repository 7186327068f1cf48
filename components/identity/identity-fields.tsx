import { DateOfBirthField } from '@/components/forms/date-of-birth-field';
import { RadioGroup } from '@/components/forms/radio-group';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';

export interface IdentityFieldLabels {
  whoLegend: string;
  whoMember: string;
  whoRepresentative: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  dateOfBirthHint: string;
  month: string;
  day: string;
  year: string;
  memberId: string;
  memberIdHint: string;
  zip: string;
  verifyButton: string;
}

/** The labels from the `connect` messages, wherever the identity form is shown. */
export function identityFieldLabels(t: (key: keyof IdentityFieldLabels) => string): IdentityFieldLabels {
  const keys: (keyof IdentityFieldLabels)[] = ['whoLegend', 'whoMember', 'whoRepresentative', 'firstName', 'lastName', 'dateOfBirth', 'dateOfBirthHint', 'month', 'day', 'year', 'memberId', 'memberIdHint', 'zip', 'verifyButton'];
  return Object.fromEntries(keys.map((k) => [k, t(k)])) as unknown as IdentityFieldLabels;
}

/** The error summary's field names for the identity form (ActionForm's fieldLabels). */
export function identityErrorFieldLabels(labels: IdentityFieldLabels): Record<string, string> {
  return { who: labels.whoLegend, firstName: labels.firstName, lastName: labels.lastName, birthMonth: labels.dateOfBirth, memberId: labels.memberId, zip: labels.zip };
}

/** "Verify identity": who you are, the details on the card, the button. Inside an ActionForm. */
export function IdentityFields({ labels }: { labels: IdentityFieldLabels }) {
  return (
    <>
      <RadioGroup
        name="who"
        legend={labels.whoLegend}
        initialValue="member"
        options={[
          { value: 'member', label: labels.whoMember },
          { value: 'representative', label: labels.whoRepresentative },
        ]}
      />
      <TextField name="firstName" label={labels.firstName} autoComplete="given-name" required />
      <TextField name="lastName" label={labels.lastName} autoComplete="family-name" required />
      <DateOfBirthField legend={labels.dateOfBirth} hint={labels.dateOfBirthHint} labels={{ month: labels.month, day: labels.day, year: labels.year }} />
      <TextField name="memberId" label={labels.memberId} hint={labels.memberIdHint} autoComplete="off" spellCheck={false} required />
      <TextField name="zip" label={labels.zip} inputMode="numeric" autoComplete="postal-code" className="mb-6 max-w-40" required />
      <SubmitButton>{labels.verifyButton}</SubmitButton>
    </>
  );
}

/** The 6-digit code box and "Confirm code". Never refilled after an error. */
export function CodeFields({ label, hint, confirm }: { label: string; hint: string; confirm: string }) {
  return (
    <>
      <TextField name="code" label={label} hint={hint} secret inputMode="numeric" autoComplete="one-time-code" maxLength={9} className="mb-6 max-w-48" required />
      <SubmitButton>{confirm}</SubmitButton>
    </>
  );
}
