import { DEVELOPER_TEXT_LANG } from '@/lib/privacy-questions';

interface DeveloperLanguageNoteProps {
  /** The page's language: the note is for a reader of another language than the developer's text. */
  pageLocale: string;
  /** "Estas respuestas están en inglés, como las escribió el desarrollador de la app." */
  children: string;
  className?: string;
}

/**
 * Says why the developer's text that follows is in English (marked `lang="en"` for screen
 * readers): a Spanish page is otherwise silent about it. Nothing on an English page.
 */
export function DeveloperLanguageNote({ pageLocale, children, className = 'text-sm text-slate-700' }: DeveloperLanguageNoteProps) {
  return pageLocale === DEVELOPER_TEXT_LANG ? null : <p className={className}>{children}</p>;
}
