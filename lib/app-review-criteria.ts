/**
 * The payer's decisions on an app and the objective criteria each may rest on. An app is refused
 * or stopped only for a risk to the security of health data on the payer's systems that can be
 * checked (HIPAA, CMS-9115-F): what the app's privacy answers say is never on the list; members
 * read those answers and decide for themselves. Wording is in the `appCriteria` messages: a short
 * label for reviewers and developers, and plain words for the members an app's suspension touches.
 */
export const APP_DECISIONS = ['approve', 'deny', 'suspend', 'reinstate'] as const;
export type AppDecision = (typeof APP_DECISIONS)[number];

export type AppStatus = 'pending' | 'approved' | 'denied' | 'suspended';

/** The only grounds to deny a request or suspend an app. */
export const REFUSAL_CRITERIA = [
  'credentials-exposed',
  'failed-security-assessment',
  'redirect-uri-not-controlled',
  'unresolved-vulnerability',
  'ftc-attestation-breach',
  'malicious-code',
  'developer-identity-unverified',
  'harmful-api-use',
] as const;

export const REVIEW_CRITERIA = [...REFUSAL_CRITERIA, 'security-criteria-met', 'security-issue-resolved'] as const;
export type ReviewCriterion = (typeof REVIEW_CRITERIA)[number];

/** Which criteria each decision may name, and the statuses it moves an app from and to. */
export const DECISION_RULES: Record<AppDecision, { criteria: readonly ReviewCriterion[]; from: readonly AppStatus[]; to: AppStatus }> = {
  approve: { criteria: ['security-criteria-met'], from: ['pending', 'denied'], to: 'approved' },
  deny: { criteria: REFUSAL_CRITERIA, from: ['pending'], to: 'denied' },
  suspend: { criteria: REFUSAL_CRITERIA, from: ['approved'], to: 'suspended' },
  // After outreach: the payer found that letting the app back in is no longer a risk.
  reinstate: { criteria: ['security-issue-resolved'], from: ['suspended'], to: 'approved' },
};

export function isReviewCriterion(value: unknown): value is ReviewCriterion {
  return typeof value === 'string' && (REVIEW_CRITERIA as readonly string[]).includes(value);
}

/** The decisions open to a reviewer for an app in this status. */
export function decisionsFor(status: AppStatus): AppDecision[] {
  return APP_DECISIONS.filter((decision) => DECISION_RULES[decision].from.includes(status));
}
