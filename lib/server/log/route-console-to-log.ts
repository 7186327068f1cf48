import 'server-only';
import { format } from 'node:util';
import { logEvent, type LogLevel } from './logger';

/**
 * What Next.js, the authorization server and other libraries write with console.* in the server
 * process becomes a structured, redacted line too (event "console"): one format in the log, and
 * no library can print a member's details. An error keeps its kind and its stack frames, never its
 * message. Returns a function that restores the console.
 */
export function routeConsoleToLog(): () => void {
  const original = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  const bridge = (level: LogLevel) => (...args: unknown[]) => {
    const errors = args.filter((a): a is Error => a instanceof Error);
    const text = args.filter((a) => !(a instanceof Error)).map((a) => (typeof a === 'string' ? a : format('%o', a)));
    const fields: Record<string, unknown> = { message: format(...text) };
    if (errors.length > 0) {
      fields.error = errors[0]; // the logger keeps its kind only
      fields.stack = (errors[0].stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 8).map((l) => l.trim());
    }
    logEvent(level, 'console', fields);
  };
  console.log = bridge('info');
  console.info = bridge('info');
  console.debug = bridge('debug');
  console.warn = bridge('warn');
  console.error = bridge('error');
  return () => Object.assign(console, original);
}
