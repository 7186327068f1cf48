import { afterEach, describe, expect, it } from 'vitest';
import { log, logEvent, setLogSink, withLogContext } from './logger';
import { requestIdFrom } from './request-id';
import { routeConsoleToLog } from './route-console-to-log';

const lines: string[] = [];
const restore = setLogSink((line) => void lines.push(line));
afterEach(() => {
  lines.length = 0;
});
process.on('exit', restore);

describe('logEvent', () => {
  it('writes one JSON line per event with time, level, event and the request id of the request it belongs to', async () => {
    await withLogContext({ requestId: 'req-12345678' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      log.info('grant.created', { app: 'medtrack-rx' });
    });
    log.warn('outside');
    expect(lines).toHaveLength(2);
    const [inside, outside] = lines.map((l) => JSON.parse(l));
    expect(inside).toMatchObject({ level: 'info', event: 'grant.created', requestId: 'req-12345678', app: 'medtrack-rx' });
    expect(new Date(inside.time).toISOString()).toBe(inside.time);
    expect(outside.requestId).toBeUndefined();
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });

  it('redacts every field, so no call site can leak a member', () => {
    logEvent('error', 'identity.failed', { memberId: '100000000001', note: 'maria.santos@members.example born 1984-03-12, code 482913', error: new Error('Maria Santos') });
    expect(lines[0]).not.toMatch(/100000000001|maria|santos|1984|482913/i);
    expect(JSON.parse(lines[0])).toMatchObject({ memberId: '[redacted]', note: '[email] born [date], code [number]', error: { name: 'Error' } });
  });

  it('cannot be made to overwrite its own time, level or request id', () => {
    withLogContext({ requestId: 'req-12345678' }, () => log.info('x', { level: 'debug', requestId: 'forged', time: 'then' }));
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', requestId: 'req-12345678' });
    expect(JSON.parse(lines[0]).time).not.toBe('then');
  });
});

describe('routeConsoleToLog', () => {
  it('turns a library’s console output into redacted events, errors without their messages', () => {
    const restoreConsole = routeConsoleToLog();
    try {
      console.log('sent code %s to %s', '482913', 'maria.santos@members.example');
      console.error('query failed', new Error('params: Maria,Santos'));
    } finally {
      restoreConsole();
    }
    const [info, error] = lines.map((l) => JSON.parse(l));
    expect(info).toMatchObject({ level: 'info', event: 'console', message: 'sent code [number] to [email]' });
    expect(error).toMatchObject({ level: 'error', event: 'console', message: 'query failed', error: { name: 'Error' } });
    expect(lines.join('')).not.toMatch(/Maria|Santos|482913/);
  });
});

describe('requestIdFrom', () => {
  it('keeps a trusted proxy’s plain id and replaces a missing, huge, garbled or repeated one', () => {
    expect(requestIdFrom('abc-123_XYZ.9', true)).toBe('abc-123_XYZ.9');
    for (const bad of [undefined, '', 'short', 'x'.repeat(65), 'a b c d e f g h', 'id\u0000with-nul', '<script>alert(1)</script>', ['a1234567', 'b1234567']]) {
      expect(requestIdFrom(bad, true)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('never takes a client’s own id: it could carry a member ID or a name into every log line', () => {
    for (const sent of ['100000000001', 'Maria-Santos-19840312', 'abc-123_XYZ.9']) expect(requestIdFrom(sent, false)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
