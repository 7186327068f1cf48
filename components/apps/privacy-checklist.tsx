import { DEVELOPER_TEXT_LANG, PRIVACY_QUESTION_IDS, type PrivacyAnswers, type PrivacyFlag, type PrivacyQuestionId } from '@/lib/privacy-questions';
import { DeveloperLanguageNote } from './developer-language-note';
import { PrivacyFlagIcon } from './privacy-flag-icon';

export interface PrivacyChecklistLabels {
  /** The plain wording of each question. */
  questions: Record<PrivacyQuestionId, string>;
  /** Shown where the developer gave no answer. */
  noAnswer: string;
  /** The visible words of each reviewer mark. */
  flags: Record<PrivacyFlag, string>;
  /** That the answers are the developer's own, not checked by the payer. */
  developersWords: string;
  /** That they are in English as the developer wrote them, for a page in another language; none otherwise. */
  answersInEnglish?: { pageLocale: string; text: string };
  /** That reviewer marks draw the eye and never block. */
  marksNote: string;
}

export interface PrivacyChecklistProps {
  /** The developer's answers by question id; a missing id is shown as not answered. */
  answers: PrivacyAnswers;
  labels: PrivacyChecklistLabels;
  /** The level of each question's heading: one below the heading of the section holding the checklist. */
  headingLevel?: 2 | 3 | 4;
}

const FLAG_STYLES: Record<PrivacyFlag, { card: string; badge: string }> = {
  ok: { card: 'border-l-ok-700', badge: 'border-ok-700 bg-green-50 text-ok-700' },
  caution: { card: 'border-l-caution-800', badge: 'border-caution-800 bg-amber-50 text-caution-800' },
  warning: { card: 'border-l-warning-700', badge: 'border-warning-700 bg-red-50 text-warning-700' },
};

/** The state's fifteen privacy questions, in order, each with the developer's answer and the reviewer's mark. */
export function PrivacyChecklist({ answers, labels, headingLevel = 3 }: PrivacyChecklistProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="space-y-4">
      <div className="space-y-1 rounded-md bg-slate-100 px-4 py-3 text-slate-800">
        <p className="font-semibold">{labels.developersWords}</p>
        {labels.answersInEnglish && PRIVACY_QUESTION_IDS.some((id) => answers[id]) ? <DeveloperLanguageNote pageLocale={labels.answersInEnglish.pageLocale} className="">{labels.answersInEnglish.text}</DeveloperLanguageNote> : null}
        <p>{labels.marksNote}</p>
      </div>
      <ol className="space-y-3">
        {PRIVACY_QUESTION_IDS.map((id, index) => {
          const answer = answers[id];
          return (
            <li
              key={id}
              className={`rounded-lg border border-l-4 p-4 ${answer ? `border-slate-300 bg-white ${answer.flag ? FLAG_STYLES[answer.flag].card : ''}` : 'border-dashed border-slate-400 border-l-slate-400 bg-slate-50'}`}
            >
              <Heading className="flex gap-2 text-base leading-snug font-semibold text-slate-900">
                <span className="min-w-6 shrink-0 text-slate-700">{index + 1}.</span>{' '}
                <span>{labels.questions[id]}</span>
              </Heading>
              <div className="mt-2 pl-8">
                {answer ? (
                  <div className="flex flex-col items-start gap-2">
                    <p lang={DEVELOPER_TEXT_LANG}>{answer.answer}</p>
                    {/* A reviewer has not marked every answer (a new or changed one): then no mark is shown. */}
                    {answer.flag ? (
                      <p className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-sm font-semibold ${FLAG_STYLES[answer.flag].badge}`}>
                        <PrivacyFlagIcon flag={answer.flag} className="size-4 shrink-0" />
                        {labels.flags[answer.flag]}
                      </p>
                    ) : null}
                  </div>
                ) : (
                  <p className="text-slate-700 italic">{labels.noAnswer}</p>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/**
 * The checklist's labels from the `privacy` messages, for every page that shows the checklist; with
 * the page's language, a page in another language than the answers says they are in English.
 */
export function privacyChecklistLabels(t: (key: string) => string, pageLocale?: string): PrivacyChecklistLabels {
  return {
    questions: Object.fromEntries(PRIVACY_QUESTION_IDS.map((id) => [id, t(`questions.${id}`)])) as Record<PrivacyQuestionId, string>,
    noAnswer: t('noAnswer'),
    flags: { ok: t('flags.ok'), caution: t('flags.caution'), warning: t('flags.warning') },
    developersWords: t('developersWords'),
    ...(pageLocale ? { answersInEnglish: { pageLocale, text: t('answersInEnglish') } } : {}),
    marksNote: t('marksNote'),
  };
}
