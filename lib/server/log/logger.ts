import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { redactLogValue, redactText } from './redact-log-value';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface LogContext {
  requestId: string;
}
export type LogSink = (line: string, level: LogLevel) => void;

interface LoggerState {
  context: AsyncLocalStorage<LogContext>;
  sink: LogSink;
}

// One store per process, on globalThis: server.ts and the Next.js server bundle each load their
// own copy of this module, and a request's id must reach the actions Next.js runs for it.
const KEY = Symbol.for('consent-hub.logger');
const defaultSink: LogSink = (line, level) => (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
function state(): LoggerState {
  const g = globalThis as unknown as Record<symbol, LoggerState | undefined>;
  return (g[KEY] ??= { context: new AsyncLocalStorage<LogContext>(), sink: defaultSink });
}

/** Runs `fn` with this request id on every log line written during it (however deep, however async). */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return state().context.run(context, fn);
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return state().context.getStore()?.requestId;
}

/** Where lines go (tests catch them); returns a function that puts the previous sink back. */
export function setLogSink(sink: LogSink): () => void {
  const s = state();
  const previous = s.sink;
  s.sink = sink;
  return () => {
    s.sink = previous;
  };
}

/**
 * One JSON line per event: time, level, event name, the request id when there is a request, and
 * the fields, every one passed through the redaction (codes, emails, names, dates of birth and
 * member IDs never reach the log, whatever a call site hands in).
 */
export function logEvent(level: LogLevel, event: string, fields: Record<string, unknown> = {}, requestId = currentRequestId()): void {
  const safe = redactLogValue(fields) as Record<string, unknown>;
  const line: Record<string, unknown> = { time: new Date().toISOString(), level, event: redactText(event).slice(0, 100) };
  if (requestId) line.requestId = requestId;
  for (const [key, value] of Object.entries(safe)) if (!(key in line)) line[key] = value;
  try {
    state().sink(JSON.stringify(line), level);
  } catch {
    // A log line that cannot be written must never fail the request.
  }
}

export const log = {
  debug: (event: string, fields?: Record<string, unknown>) => logEvent('debug', event, fields),
  info: (event: string, fields?: Record<string, unknown>) => logEvent('info', event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => logEvent('warn', event, fields),
  error: (event: string, fields?: Record<string, unknown>) => logEvent('error', event, fields),
};
