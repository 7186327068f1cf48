import { describe, expect, it } from 'vitest';
import appsFixture from '@/lib/demo/fixtures/apps.json';
import { loadMessages } from '@/lib/i18n/load-messages';
import { PRIVACY_QUESTION_IDS } from './privacy-questions';

describe('PRIVACY_QUESTION_IDS', () => {
  it('are the fifteen questions of the state page, in its order', () => {
    expect(PRIVACY_QUESTION_IDS).toEqual(appsFixture.privacyQuestions.map((q) => q.id));
    expect(PRIVACY_QUESTION_IDS).toHaveLength(15);
  });

  it('key every answer of every app', () => {
    for (const app of appsFixture.apps) {
      for (const id of Object.keys(app.privacy)) expect(PRIVACY_QUESTION_IDS, `${app.id}: ${id}`).toContain(id);
    }
  });

  it('are each worded in English and Spanish, and no other question is', () => {
    for (const locale of ['en', 'es'] as const) {
      const { questions } = loadMessages(locale).privacy as { questions: Record<string, string> };
      expect(Object.keys(questions)).toEqual([...PRIVACY_QUESTION_IDS]);
    }
  });
});
