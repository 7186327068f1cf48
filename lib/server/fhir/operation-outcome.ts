import 'server-only';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export type IssueCode = 'security' | 'login' | 'forbidden' | 'not-found' | 'invalid' | 'not-supported' | 'exception' | 'expired' | 'too-costly' | 'transient' | 'required' | 'processing' | 'multiple-matches' | 'suppressed';

export function operationOutcome(severity: 'error' | 'warning' | 'information', code: IssueCode, diagnostics: string) {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}

export class FhirRequestError extends Error {
  constructor(
    readonly status: number,
    readonly issueCode: IssueCode,
    message: string,
    /** RFC 6750's error for `WWW-Authenticate` on a 403: a valid token that does not reach this. */
    readonly bearerError?: 'insufficient_scope',
  ) {
    super(message);
  }
}

/** A 403 for a valid access token whose scope or kind does not reach what was asked (RFC 6750 3.1). */
export const insufficientScope = (message: string) => new FhirRequestError(403, 'forbidden', message, 'insufficient_scope');
