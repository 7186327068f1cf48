import 'server-only';

/**
 * An expected failure with a message the user may see (a key into the message files).
 * Anything else that is thrown is logged with a request id and shown as a generic message.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly messageKey: string,
    readonly field?: string,
    readonly values?: Record<string, string | number>,
  ) {
    super(code);
    this.name = 'AppError';
  }
}
