import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FormStateContext } from '@/components/forms/action-form';
import type { FormState } from '@/lib/server/actions/form-state';
import { NOT_LISTED_PLAN } from '@/lib/schemas/sharing';
import { PlanSelectField } from './plan-select-field';

const PLANS = ['Bay State Health', 'Harbor Health Plan'];
const render = (state: FormState = {}, initialValue?: string) =>
  renderToStaticMarkup(
    <FormStateContext.Provider value={state}>
      <PlanSelectField
        name="planName"
        label="Which health plan?"
        hint="Only plans that can ask us for information are on this list."
        placeholder="Choose a plan"
        plans={PLANS}
        notListedLabel="The plan is not on this list"
        initialValue={initialValue}
      />
    </FormStateContext.Provider>,
  );
const options = (html: string) => [...html.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);

describe('the other health plan, chosen from a list', () => {
  it('offers the registered plans, by their registered names, and last "not on this list"; nothing to type', () => {
    const html = render();
    expect(options(html)).toEqual([['', 'Choose a plan'], ['Bay State Health', 'Bay State Health'], ['Harbor Health Plan', 'Harbor Health Plan'], [NOT_LISTED_PLAN, 'The plan is not on this list']]);
    expect(html).not.toContain('<input');
  });

  it('is labelled, its hint its description; a plan saved before is chosen again', () => {
    const html = render({}, 'Harbor Health Plan');
    expect(html).toContain('<label for="planName"');
    expect(html).toMatch(/<select id="planName" name="planName"[^>]*aria-describedby="planName-hint"/);
    expect(html).toMatch(/<option value="Harbor Health Plan" selected="">/);
  });

  it('shows its error tied to it, keeping what was chosen', () => {
    const message = 'We cannot turn this on for a plan that is not on the list.';
    const html = render({ fieldErrors: { planName: message }, values: { planName: NOT_LISTED_PLAN }, submittedAt: 1 });
    expect(html).toMatch(/<select[^>]*aria-invalid="true"[^>]*aria-describedby="planName-hint planName-error"/);
    expect(html).toContain(`<p id="planName-error" class="mt-1 font-semibold text-warning-700">${message}</p>`);
    expect(html).toMatch(new RegExp(`<option value="${NOT_LISTED_PLAN}" selected="">`));
  });
});
