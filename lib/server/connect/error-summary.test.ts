import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { ActionForm } from '@/components/forms/action-form';
import { loadMessages } from '@/lib/i18n/load-messages';
import { approvalSchema, tickSchema } from '@/lib/schemas/connect';
import type { FormState, FormStateAction } from '@/lib/server/actions/form-state';
import { runFormAction, type Say } from '@/lib/server/actions/run-form-action';
import { approveErrorFieldLabels } from './approve-step-wording';
import { termsStepWording } from './terms-step-wording';

type Locale = 'en' | 'es';
const translator = (locale: Locale, namespace: string) => {
  const t = createTranslator({ locale, messages: loadMessages(locale), namespace: namespace as never });
  const say = ((key: string, values?: Record<string, string>) => t(key as never, values as never)) as Say;
  say.has = (key: string) => t.has(key as never);
  return say;
};

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

/** The error summary's entries, as the form shows them after a send. */
function summaryEntries(state: FormState, fieldLabels: Record<string, string>): string[] {
  const html = renderToStaticMarkup(createElement(ActionForm, { action: (async () => ({})) as unknown as FormStateAction, errorTitle: 'There is a problem', fieldLabels, initialState: state } as Parameters<typeof ActionForm>[0], null));
  return [...html.matchAll(/<li><a href="#[^"]+">([^<]*)<\/a><\/li>/g)].map((m) => m[1].replace(/&#x27;/g, "'"));
}

const OPEN_NOTES = { name: 'Open Notes Journal', privacyPolicyUrl: null, termsUrl: 'https://opennotes.example/terms' };

describe('the connect steps’ error summaries name what to fix', () => {
  it('terms sent without the tick: the summary says what the box agrees to, the field only the message', async () => {
    const expected = { en: "Agree to Open Notes Journal's terms of use: Check the box to go on.", es: 'Acepte los términos de uso de Open Notes Journal: Marque la casilla para continuar.' };
    for (const locale of ['en', 'es'] as const) {
      const state = await runFormAction(form({ flowId: 'f' }), tickSchema, async () => ({}), { say: translator(locale, 'errors') });
      const words = termsStepWording(translator(locale, 'connect'), OPEN_NOTES);
      expect(summaryEntries(state, words.errorFieldLabels)).toEqual([expected[locale]]);
    }
  });

  it('approval sent with nothing chosen: each entry names its field', async () => {
    for (const locale of ['en', 'es'] as const) {
      const state = await runFormAction(form({ flowId: 'f' }), approvalSchema, async () => ({}), { say: translator(locale, 'errors'), arrays: ['categories'] });
      const entries = summaryEntries(state, approveErrorFieldLabels(translator(locale, 'connect')));
      expect(entries).toHaveLength(3);
      expect(entries).toEqual(
        locale === 'en'
          ? ['What to share: Choose at least one kind of data to share.', 'How long: Choose how long the app can get your data.', 'Confirm what you share: Check the box to go on.']
          : ['Qué compartir: Elija al menos un tipo de datos para compartir.', 'Por cuánto tiempo: Elija por cuánto tiempo la app puede recibir sus datos.', 'Confirme lo que comparte: Marque la casilla para continuar.'],
      );
    }
  });
});
