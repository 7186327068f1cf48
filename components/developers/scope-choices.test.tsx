import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FormStateContext } from '@/components/forms/action-form';
import { ScopeChoices } from './scope-choices';

const ERROR = 'Choose at least one kind of data (a patient/… scope).';
const choices = [
  { scope: 'launch/patient', label: 'launch/patient: the member chooses whose record' },
  { scope: 'patient/Patient.rs', label: 'patient/Patient.rs: name and date of birth' },
];
const render = (fieldErrors?: Record<string, string>) =>
  renderToStaticMarkup(
    <FormStateContext.Provider value={{ fieldErrors, values: fieldErrors ? {} : undefined, submittedAt: 1 }}>
      <ScopeChoices legend="Data the app needs" hint="Ask only for what the app uses." choices={choices} />
    </FormStateContext.Provider>,
  );

describe('the scopes on the connection request', () => {
  it('tie their one error to the fieldset (as the client-type radios do), not to the first box', () => {
    const html = render({ scopes: ERROR });
    expect(html).toMatch(/<fieldset[^>]*aria-describedby="scopes-group-hint scopes-group-error"/);
    expect(html).toContain('<p id="scopes-group-error"');
    expect(html.split(ERROR)).toHaveLength(2); // said once, in the group
    const first = html.match(/<input[^>]*id="scopes"[^>]*>/)![0];
    expect(first).not.toMatch(/aria-describedby="[^"]*error/);
  });

  it('are a group named by its legend, the hint its description, each box labelled', () => {
    const html = render();
    expect(html).toMatch(/<legend><h3[^>]*>Data the app needs<\/h3><\/legend>/);
    expect(html).toMatch(/<fieldset[^>]*aria-describedby="scopes-group-hint"/);
    expect(html).toMatch(/<input[^>]*id="scopes"[^>]*value="launch\/patient"/);
    expect(html).toContain('<label for="scopes-1"');
    expect(html).not.toContain('aria-invalid');
  });
});
