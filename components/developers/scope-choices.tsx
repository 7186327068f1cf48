'use client';

import { CheckboxField } from '@/components/forms/checkbox-field';
import { CheckboxGroup } from '@/components/forms/checkbox-group';

interface ScopeChoicesProps {
  legend: string;
  hint: string;
  choices: { scope: string; label: string }[];
}

/**
 * The scopes an app asks to be registered for: one question, so its one error ("Choose at least
 * one kind of data…") is tied to the whole group, as the client-type radios' is, not to its first box.
 */
export function ScopeChoices({ legend, hint, choices }: ScopeChoicesProps) {
  return (
    <div className="mb-5">
      <CheckboxGroup name="scopes" legend={legend} hint={hint} headingLevel={3}>
        {choices.map(({ scope, label }, index) => (
          // The first box has the group's name as its id: the error summary's link lands in the group.
          <CheckboxField key={scope} id={index === 0 ? 'scopes' : `scopes-${index}`} name="scopes" value={scope} label={label} inGroup />
        ))}
      </CheckboxGroup>
    </div>
  );
}
