import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FormStateContext } from './action-form';
import { CheckboxField } from './checkbox-field';
import { CheckboxGroup } from './checkbox-group';
import { RadioGroup } from './radio-group';

const ERROR = 'Choose at least one kind of data to share.';
const withError = (node: React.ReactNode) =>
  renderToStaticMarkup(<FormStateContext.Provider value={{ fieldErrors: { categories: ERROR }, values: {}, submittedAt: 1 }}>{node}</FormStateContext.Provider>);

const categories = (
  <CheckboxGroup name="categories" legend="What CareCompass can get" hint="Untick what you do not want to share.">
    <CheckboxField id="categories" name="categories" value="personal" label="Personal information" hint="Your name and address" inGroup />
    <CheckboxField id="categories-claims" name="categories" value="claims" label="Claims and visits" hint="Visits and what was paid" inGroup />
  </CheckboxGroup>
);

describe('tick boxes and their group', () => {
  it('make the legend a heading of the page', () => {
    expect(renderToStaticMarkup(categories)).toMatch(/<legend><h2[^>]*>What CareCompass can get<\/h2><\/legend>/);
    expect(renderToStaticMarkup(<RadioGroup name="duration" legend="How long?" headingLevel={2} options={[{ value: 'once', label: 'Once' }]} />)).toMatch(
      /<legend[^>]*><h2[^>]*>How long\?<\/h2><\/legend>/,
    );
  });

  it('tie the group’s one error to the whole group, and mark every box', () => {
    const html = withError(categories);
    expect(html.match(new RegExp(ERROR.replace('.', '\\.'), 'g'))).toHaveLength(1);
    expect(html).toMatch(/<fieldset[^>]*aria-describedby="categories-group-hint categories-group-error"/);
    expect(html).toContain(`<p id="categories-group-error"`);
    expect(html.match(/type="checkbox"[^>]*aria-invalid="true"/g)).toHaveLength(2);
  });

  it('read each hint once: as the description, not inside the label too', () => {
    const html = renderToStaticMarkup(categories);
    for (const label of html.match(/<label[^>]*>.*?<\/label>/g) ?? []) expect(label).not.toMatch(/hint|Your name|Visits and/);
    expect(html).toMatch(/id="categories-claims"[^>]*aria-describedby="categories-claims-hint"/);
    expect(html).toContain('<p id="categories-claims-hint"');
    const radios = renderToStaticMarkup(<RadioGroup name="ends" legend="Ends" options={[{ value: 'keep', label: 'Keep', hint: 'As it is' }]} />);
    for (const label of radios.match(/<label[^>]*>.*?<\/label>/g) ?? []) expect(label).not.toContain('As it is');
  });
});
