'use client';

import { useEffect, useRef } from 'react';
import type { Locale } from '@/lib/i18n/locales';

interface CallerLanguageFollowsProps {
  /** The radio group naming who is calling. */
  callerField: string;
  /** The radio group "Which language does the caller speak?". */
  languageField: string;
  /** Each caller's language on file, by the caller field's value. */
  languages: Readonly<Record<string, Locale>>;
}

/**
 * What a change on the form does to the language: choosing a caller moves it to theirs on file,
 * until the CSR chooses a language themselves (a language they heard is not overridden).
 */
export function followCallerLanguage({ callerField, languageField, languages }: CallerLanguageFollowsProps, setLanguage: (locale: Locale) => void) {
  let chosenByStaff = false;
  return (changed: { name: string; value: string }) => {
    if (changed.name === languageField) chosenByStaff = true;
    else if (changed.name === callerField && !chosenByStaff && languages[changed.value]) setLanguage(languages[changed.value]);
  };
}

/**
 * Inside a staff form, with JavaScript: the language follows the caller chosen. Without it the
 * form is the same, starting on the language the server could know (caller-languages.ts).
 */
export function CallerLanguageFollows(props: CallerLanguageFollowsProps) {
  const anchor = useRef<HTMLSpanElement>(null);
  const { callerField, languageField, languages } = props;
  useEffect(() => {
    const form = anchor.current?.closest('form');
    if (!form) return;
    const onChange = followCallerLanguage({ callerField, languageField, languages }, (locale) => {
      const group = form.elements.namedItem(languageField);
      if (group instanceof RadioNodeList) group.value = locale;
    });
    const listener = (event: Event) => {
      if (event.target instanceof HTMLInputElement) onChange(event.target);
    };
    form.addEventListener('change', listener);
    return () => form.removeEventListener('change', listener);
  }, [callerField, languageField, languages]);
  return <span ref={anchor} hidden />;
}
