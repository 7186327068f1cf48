import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales';
import { loadMessages } from './load-messages';
import { readability, renderings, sentences, words } from './reading-level';

/**
 * Plain words (the brief: aim for a 6th to 8th grade reading level), held for every page, email and
 * error we write. English is scored with the Flesch–Kincaid grade level. Spanish has no grade here
 * (its syllables are not English ones): it is held to the sentence lengths English is held to.
 */
const MAX_GRADE = 8;
const MAX_WORDS_PER_SENTENCE = 15;
const MAX_SENTENCE_WORDS: Record<string, number> = { en: 35, es: 40 };

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(strings);
}

/** Each namespace's prose: every way each of its messages can read, labels (under 5 words) left out. */
function prose(locale: string): [string, string[]][] {
  return Object.entries(loadMessages(locale as (typeof LOCALES)[number])).map(([namespace, messages]) => [
    namespace,
    strings(messages)
      .flatMap(renderings)
      .filter((text) => words(text).length >= 5),
  ]);
}

describe('the reading level of our words', () => {
  it('tells hard words from plain ones (so the checks below can fail)', () => {
    const plain = readability(['You can stop sharing at any time. The app gets nothing more from us.']);
    const hard = readability([
      'Notwithstanding the foregoing, beneficiaries authorizing third-party applications acknowledge comprehensive responsibility for subsequent dissemination.',
    ]);
    expect(plain.grade).toBeLessThan(MAX_GRADE);
    expect(hard.grade).toBeGreaterThan(MAX_GRADE);
    expect(readability(['one two three four five six. seven eight nine ten?']).longest.words).toBe(6);
  });

  it('reads every branch of a message, values as one word', () => {
    expect(renderings('{count, plural, one {# app is} other {# apps are}} connected by {name}.')).toEqual([
      'it app is connected by it.',
      'it apps are connected by it.',
    ]);
    expect(renderings('Go to <link>your account</link>.')).toEqual(['Go to your account.']);
    expect(sentences('First one. Second one?\nThird')).toEqual(['First one.', 'Second one?', 'Third']);
  });

  it(`keeps every English namespace at grade ${MAX_GRADE} or below, ${MAX_WORDS_PER_SENTENCE} words a sentence or fewer`, () => {
    const over = prose('en')
      .map(([namespace, texts]) => ({ namespace, ...readability(texts) }))
      .filter((r) => r.grade > MAX_GRADE || r.wordsPerSentence > MAX_WORDS_PER_SENTENCE)
      .map((r) => `${r.namespace}: grade ${r.grade.toFixed(1)}, ${r.wordsPerSentence.toFixed(1)} words a sentence`);
    expect(over).toEqual([]);
  });

  for (const locale of LOCALES) {
    it(`has no sentence over ${MAX_SENTENCE_WORDS[locale]} words in ${locale}, and ${MAX_WORDS_PER_SENTENCE} words a sentence or fewer in each namespace`, () => {
      const long = prose(locale).flatMap(([namespace, texts]) =>
        texts
          .flatMap(sentences)
          .filter((sentence) => words(sentence).length > MAX_SENTENCE_WORDS[locale])
          .map((sentence) => `${namespace}: ${sentence}`),
      );
      expect(long).toEqual([]);
      const wordy = prose(locale)
        .map(([namespace, texts]) => ({ namespace, perSentence: readability(texts).wordsPerSentence }))
        .filter((r) => r.perSentence > MAX_WORDS_PER_SENTENCE);
      expect(wordy).toEqual([]);
    });
  }
});
