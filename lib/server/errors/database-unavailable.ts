// No 'server-only' marker: the FHIR handler, the form actions and tests all classify with it.

/** Seconds a client is asked to wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 30;

// postgres.js's own connection errors, and Node's socket errors beneath them.
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOENT',
  'EHOSTUNREACH',
]);

/**
 * The database cannot take this request just now, through no fault of the request: it is
 * restarting or unreachable (SQLSTATE class 08, 57P01-57P03, a refused or dropped connection), out
 * of room (class 53: disk full, out of memory, too many connections), or read-only (25006). The
 * answer is "try again" (a 503 with Retry-After, a form message), never a 500; the transaction
 * was rolled back, so nothing was half-written.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (CONNECTION_CODES.has(code)) return true;
    if (/^(08|53)[0-9A-Z]{3}$/.test(code) || code === '57P01' || code === '57P02' || code === '57P03' || code === '25006') return true;
  }
  return false;
}
