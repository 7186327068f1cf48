import 'server-only';

type Translate = (key: string, values?: Record<string, string>) => string;

/** Which of its own papers an app published: both, only its terms of use, only its privacy policy, or neither. */
export type AppPapers = 'both' | 'terms' | 'policy' | 'none';

export function appPapers(app: { privacyPolicyUrl: string | null; termsUrl: string | null }): AppPapers {
  if (app.privacyPolicyUrl && app.termsUrl) return 'both';
  if (app.termsUrl) return 'terms';
  return app.privacyPolicyUrl ? 'policy' : 'none';
}

/**
 * Step 3's words (the `connect` messages): the title and the tick box name only the papers the app
 * has, and a missing privacy policy (or terms of use) is said plainly again, as on step 2.
 */
export function termsStepWording(t: Translate, app: { name: string; privacyPolicyUrl: string | null; termsUrl: string | null }) {
  const papers = appPapers(app);
  return {
    papers,
    title: t('termsTitle', { app: app.name, papers }),
    pageTitle: t('titleTerms', { papers }),
    agreeLabel: t('agreeLabel', { app: app.name, papers }),
    noPolicy: app.privacyPolicyUrl ? null : t('noPolicy', { app: app.name }),
    noTerms: app.termsUrl ? null : t('noTerms', { app: app.name }),
    // The error summary names what the box is for, as other summaries name their field ("ZIP code: …").
    errorFieldLabels: { agree: t('termsTitle', { app: app.name, papers }) },
  };
}
