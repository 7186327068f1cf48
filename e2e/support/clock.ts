import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Moves the page's installed clock (`page.clock.install()`) a step at a time until `what` shows.
 * A page's timers start when it has hydrated, which on a busy machine can be after `goto`
 * returns: one long jump made before that would never fire them, small steps always do.
 */
export async function fastForwardUntilVisible(page: Page, what: Locator, step: '00:30' | '01:00' = '00:30'): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.clock.fastForward(step);
        return what.isVisible();
      },
      { timeout: 30_000, intervals: [200] },
    )
    .toBe(true);
}
