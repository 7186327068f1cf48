import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FormState } from '@/lib/server/actions/form-state';
import { ActionForm } from './action-form';
import { CheckboxField } from './checkbox-field';
import { RadioGroup } from './radio-group';
import { SelectField } from './select-field';
import { TextAreaField, TextField } from './text-field';

const action = (async () => ({}) as FormState) as unknown as Parameters<typeof ActionForm>[0]['action'];

/** One page, one form per row (the representative screen's "authority ends" form, once per member). */
const rows = (idSuffixes: string[]) =>
  renderToStaticMarkup(
    <>
      {idSuffixes.map((suffix) => (
        <ActionForm key={suffix} action={action} errorTitle="Not saved" idSuffix={suffix}>
          <TextField name="lastDay" type="date" label={`Last day ${suffix}`} hint="Like 2027-01-31." />
          <TextAreaField name="note" label="Note" hint="For the record." />
          <SelectField name="kind" label="Kind" hint="Pick one." groups={[{ options: [{ value: 'a', label: 'A' }] }]} />
          <CheckboxField name="sure" label="Sure" hint="Tick it." />
          <RadioGroup
            name="reason"
            legend="Why"
            options={[
              { value: 'member-withdrew', label: 'Withdrew' },
              { value: 'term-ends', label: 'Term ends', hint: 'As agreed' },
            ]}
          />
        </ActionForm>
      ))}
    </>,
  );

const attr = (html: string, name: string) => [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1]);

describe('a form repeated on one page', () => {
  const html = rows(['2', '3']);

  it('gives every element its own id', () => {
    const ids = attr(html, 'id');
    expect(ids.length).toBeGreaterThan(10);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('binds every label and description to an element of its own form, and keeps the posted names', () => {
    const forms = html.split('</form>').slice(0, 2);
    for (const [index, form] of forms.entries()) {
      const ids = new Set(attr(form, 'id'));
      for (const target of [...attr(form, 'for'), ...attr(form, 'aria-describedby').flatMap((d) => d.split(' '))]) expect(ids, `form ${index}: ${target}`).toContain(target);
      expect(attr(form, 'for')).toHaveLength(1 + 1 + 1 + 1 + 2);
    }
    expect(html).toContain('id="lastDay-3"');
    expect(html).toContain('id="reason-term-ends-3"');
    expect(attr(html, 'name').filter((n) => n === 'lastDay')).toHaveLength(2);
    expect(attr(html, 'name').filter((n) => n === 'reason')).toHaveLength(4);
  });

  it('keeps the field name as the id where the form is not repeated', () => {
    const single = renderToStaticMarkup(
      <ActionForm action={action} errorTitle="Not saved">
        <TextField name="lastDay" label="Last day" />
      </ActionForm>,
    );
    expect(single).toMatch(/<label for="lastDay"/);
    expect(single).toMatch(/<input id="lastDay"/);
  });
});
