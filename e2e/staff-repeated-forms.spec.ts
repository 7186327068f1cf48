import { expect, test } from '@playwright/test';
import { STAFF, staffPage } from './support/staff';

// Read-only: opens the forms and clicks labels, never sends one.

test('on a representative with two authorities, each "authority ends" form has its own ids and every label drives its own field', async ({ browser }) => {
  const { context, page } = await staffPage(browser, STAFF.casey, '/staff/representatives/R-0002');
  const forms = page.locator('#members details');
  await expect(forms).toHaveCount(2);
  for (const summary of await page.locator('#members details > summary').all()) await summary.click();

  const ids = await page.locator('[id]').evaluateAll((elements) => elements.map((e) => e.id));
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);

  for (const index of [0, 1]) {
    const form = forms.nth(index);
    const lastDay = form.locator('input[name="lastDay"]');
    expect(await lastDay.evaluate((input: HTMLInputElement) => input.labels?.length)).toBe(1);
    await form.getByText(/^Last day Giulia Rossi may act for/).click();
    await expect(lastDay).toBeFocused();
    await form.getByText('The designation’s term ends').click();
    await expect(form.locator('input[name="reason"][value="term-ends"]')).toBeChecked();
    // The description is this form's hint, not the other's.
    const hintId = await lastDay.getAttribute('aria-describedby');
    await expect(form.locator(`[id="${hintId}"]`)).toHaveText('Year, month and day, like 2027-01-31.');
  }
  // The second form's clicks left the first's radio as the first form's click set it, and no more.
  await expect(page.locator('input[name="reason"][value="term-ends"]:checked')).toHaveCount(2);
  await context.close();
});
