import 'server-only';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export type IssueCode = 'security' | 'login' | 'forbidden' | 'not-found' | 'invalid' | 'not-supported' | 'exception' | 'expired' | 'too-costly';

export function operationOutcome(severity: 'error' | 'warning' | 'information', code: IssueCode, diagnostics: string) {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}

/** A FHIR error: an OperationOutcome with the right status, never a stack trace. */
export function fhirError(status: number, code: IssueCode, diagnostics: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(operationOutcome('error', code, diagnostics)), {
    status,
    headers: { 'content-type': FHIR_JSON, 'cache-control': 'no-store', ...headers },
  });
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
