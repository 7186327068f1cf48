import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';

/**
 * How hard our words are to read, for the tests that keep them plain (the brief: a 6th to 8th grade
 * reading level). A message is read as a member sees it: each branch of a `select` or `plural` in
 * turn, a value such as `{appName}` as one short word, rich-text tags as their text.
 */

/** Every way a message can read: option i of every select or plural at once, for each i. */
export function renderings(message: string): string[] {
  const elements = parse(message);
  const widest = Math.max(1, ...branchCounts(elements));
  return Array.from({ length: widest }, (_, i) => render(elements, i).replace(/\s+/g, ' ').trim());
}

function branchCounts(elements: MessageFormatElement[]): number[] {
  return elements.flatMap((element) => {
    if ('options' in element) {
      const options = Object.values(element.options).map((option) => option.value);
      return [options.length, ...options.flatMap(branchCounts)];
    }
    return 'children' in element ? branchCounts(element.children) : [];
  });
}

function render(elements: MessageFormatElement[], branch: number): string {
  return elements
    .map((element) => {
      if ('options' in element) {
        const options = Object.values(element.options);
        return render(options[branch % options.length].value, branch);
      }
      if ('children' in element) return render(element.children, branch);
      // A literal's text; a value, a number or `#` as one short word.
      return element.type === 0 ? element.value : 'it';
    })
    .join('');
}

/** The sentences of a text, as a reader meets them: ended by . ! ? or a line break. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => words(sentence).length > 0);
}

export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
}

export interface Readability {
  sentences: number;
  words: number;
  /** Flesch–Kincaid grade level (English only: the syllable counts are English). */
  grade: number;
  wordsPerSentence: number;
  longest: { words: number; sentence: string };
}

export function readability(texts: string[]): Readability {
  const all = texts.flatMap(sentences);
  let wordCount = 0;
  let syllableCount = 0;
  let longest = { words: 0, sentence: '' };
  for (const sentence of all) {
    const ofSentence = words(sentence);
    wordCount += ofSentence.length;
    for (const word of ofSentence) syllableCount += syllable(word);
    if (ofSentence.length > longest.words) longest = { words: ofSentence.length, sentence };
  }
  return {
    sentences: all.length,
    words: wordCount,
    grade: fleschKincaid({ sentence: all.length, word: wordCount, syllable: syllableCount }),
    wordsPerSentence: wordCount / Math.max(1, all.length),
    longest,
  };
}
