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
  ) {
    super(message);
  }
}
