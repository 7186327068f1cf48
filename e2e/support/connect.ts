import { expect, type Page } from '@playwright/test';
import { waitForCode } from './outbox';

export interface Person {
  first: string;
  last: string;
  month: string;
  day: string;
  year: string;
  id: string;
  zip: string;
  email: string;
  representative?: boolean;
}

export const MARIA: Person = { first: 'Maria', last: 'Santos', month: '3', day: '12', year: '1984', id: '100000000001', zip: '02119', email: 'maria.santos@members.example' };

export const LABELS = {
  en: {
    readPrivacy: 'I have read this',
    agree: /I have read and I agree/,
    agreeButton: 'Agree and continue',
    first: 'First name',
    last: 'Last name',
    month: 'Month',
    day: 'Day',
    year: 'Year',
    memberId: 'Member ID',
    zip: 'ZIP code',
    representative: /I act for a member/,
    verify: 'Verify identity',
    send: 'Send code to my email',
    code: 'Code',
    confirm: 'Confirm code',
    confirmShare: /I want to share the data I chose/,
    approve: 'Approve data share',
    continueTo: /Continue to/,
    signedInContinue: 'Continue',
  },
  es: {
    readPrivacy: 'Ya leí esto',
    agree: /Leí y acepto/,
    agreeButton: 'Aceptar y continuar',
    first: 'Nombre',
    last: 'Apellido',
    month: 'Mes',
    day: 'Día',
    year: 'Año',
    memberId: 'Número de miembro',
    zip: 'Código postal',
    representative: /en nombre de un miembro/,
    verify: 'Verificar identidad',
    send: 'Enviar el código a mi correo',
    code: 'Código',
    confirm: 'Confirmar el código',
    confirmShare: /Quiero compartir con/,
    approve: 'Aprobar y compartir datos',
    continueTo: /Continuar a/,
    signedInContinue: 'Continuar',
  },
} as const;

export type Lang = keyof typeof LABELS;

export async function reviewPrivacyAndTerms(page: Page, lang: Lang = 'en') {
  const l = LABELS[lang];
  await expect(page).toHaveURL(/\/connect\/[\w-]+\/privacy$/);
  await page.getByRole('button', { name: l.readPrivacy }).click();
  await expect(page).toHaveURL(/\/terms$/);
  await page.getByLabel(l.agree).check();
  await page.getByRole('button', { name: l.agreeButton }).click();
  await expect(page).toHaveURL(/\/identity$/);
}

export async function fillIdentity(page: Page, person: Person, lang: Lang = 'en') {
  const l = LABELS[lang];
  if (person.representative) await page.getByLabel(l.representative).check();
  await page.getByLabel(l.first, { exact: true }).fill(person.first);
  await page.getByLabel(l.last, { exact: true }).fill(person.last);
  await page.getByLabel(l.month, { exact: true }).fill(person.month);
  await page.getByLabel(l.day, { exact: true }).fill(person.day);
  await page.getByLabel(l.year, { exact: true }).fill(person.year);
  await page.getByLabel(l.memberId, { exact: true }).fill(person.id);
  await page.getByLabel(l.zip, { exact: true }).fill(person.zip);
  await page.getByRole('button', { name: l.verify }).click();
}

/** `outboxDir`: the dev outbox of the hub the page is on, when it is not the suite's server (support/own-hub.ts). */
export async function proveWithEmailCode(page: Page, person: Person, lang: Lang = 'en', outboxDir?: string) {
  const l = LABELS[lang];
  await expect(page).toHaveURL(/\/code$/);
  // A code sent to the same person under a minute ago (an earlier spec's flow) makes the hub ask
  // to wait, as it should: wait the seconds it names, then ask once more.
  const waitAlert = page.getByRole('alert').filter({ hasText: /\b\d+ (seconds?|segundos?)\b/ });
  for (let attempt = 0; ; attempt += 1) {
    const before = Date.now() - 1000;
    await page.getByRole('button', { name: l.send }).click();
    let sent = await waitForCode(person.email, before, attempt === 0 ? 5_000 : 15_000, outboxDir).catch((error: unknown) => error as Error);
    // No wait asked for: the email is only slow (a busy machine); give it the usual time.
    if (sent instanceof Error && attempt === 0 && (await waitAlert.count()) === 0) sent = await waitForCode(person.email, before, 15_000, outboxDir);
    if (!(sent instanceof Error)) {
      await page.getByLabel(l.code, { exact: true }).fill(sent.code);
      await page.getByRole('button', { name: l.confirm }).click();
      return;
    }
    if (attempt > 0) throw sent;
    const seconds = Number(/\b(\d+) (?:seconds?|segundos?)\b/.exec(await waitAlert.first().innerText())?.[1] ?? 60);
    await page.waitForTimeout((seconds + 1) * 1000);
  }
}

export async function approve(page: Page, lang: Lang = 'en', options: { untick?: RegExp[]; sensitive?: RegExp } = {}) {
  const l = LABELS[lang];
  await expect(page).toHaveURL(/\/approve$/);
  for (const label of options.untick ?? []) await page.getByLabel(label).uncheck();
  if (options.sensitive) await page.getByLabel(options.sensitive).check();
  await page.getByLabel(l.confirmShare).check();
  await page.getByRole('button', { name: l.approve }).click();
  await expect(page).toHaveURL(/\/done$/);
}

/**
 * Steps 2 to 6 for a member, from the privacy page to the receipt. A browser that proved who it
 * is a few minutes ago (the setup project's saved session) goes on without a new code, as a
 * member would.
 */
export async function connectAsMember(page: Page, person: Person = MARIA, lang: Lang = 'en', options: Parameters<typeof approve>[2] = {}) {
  await reviewPrivacyAndTerms(page, lang);
  await pastIdentityStep(page, person, lang);
  await approve(page, lang, options);
}

/**
 * Step 4 as the person would do it: "Continue" when this browser is still signed in, otherwise
 * the identity form and an email code. Waits for the step to be on screen first: checking for
 * "Continue" before the page has arrived would verify again, which ends the saved session every
 * later journey shares (a new verification replaces the browser's session).
 */
export async function pastIdentityStep(page: Page, person: Person = MARIA, lang: Lang = 'en') {
  const l = LABELS[lang];
  await expect(page).toHaveURL(/\/identity$/);
  await expect(page.getByLabel(l.first, { exact: true })).toBeVisible();
  const signedIn = page.getByRole('button', { name: l.signedInContinue, exact: true });
  if (await signedIn.isVisible()) {
    await signedIn.click();
  } else {
    await fillIdentity(page, person, lang);
    await proveWithEmailCode(page, person, lang);
  }
}

export const MARIA_SESSION = 'test-results/.auth/maria.json';

/** The sample third-party app (sample-app/), started by playwright.config.ts on this fixed, registered address. */
export const SAMPLE_APP = 'http://127.0.0.1:8765';
