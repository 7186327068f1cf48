import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { formatTimeOfDay } from './format-time-of-day';
import { loadMessages } from './load-messages';

// Boston is on EST in January (UTC-5).
const at = (hourUtc: number, minute: number) => new Date(Date.UTC(2027, 0, 15, hourUtc, minute));

describe('a time limit said as a time of day', () => {
  const es = createTranslator({ locale: 'es', messages: loadMessages('es') });
  const en = createTranslator({ locale: 'en', messages: loadMessages('en') });
  const say = (t: typeof es, key: string, instant: Date) => t(`connect.${key}` as never, { ...formatTimeOfDay(instant, t === es ? 'es' : 'en'), minutes: 10 } as never) as string;

  it('takes "la" for one o’clock in Spanish and "las" for every other hour', () => {
    expect(say(es, 'flowTimeLimit', at(18, 15))).toMatch(/^Tiene hasta la 1:15\sp\.\s?m\., hora del Este, para terminar/);
    // The time in brackets, with its time zone (a member may read it on a phone set to another): "a. m." ends with its own period, and a sentence's after it read "a. m.."
    expect(say(es, 'codeTimeLimit', at(6, 5))).toMatch(/\(hasta la 1:05\sa\.\s?m\., hora del Este\)\.$/);
    expect(say(es, 'codeTimeLimit', at(6, 5))).not.toMatch(/\.\.$/);
    expect(say(es, 'flowTimeLimit', at(19, 15))).toMatch(/^Tiene hasta las 2:15\sp\.\s?m\., hora del Este, para terminar/);
    expect(say(es, 'codeTimeLimit', at(17, 0))).toMatch(/hasta las 12:00\sp\.\s?m\./);
  });

  it('reads the hour on the 12-hour clock of the payer’s time zone', () => {
    expect(formatTimeOfDay(at(18, 15), 'en')).toEqual({ time: expect.stringMatching(/^1:15\sPM$/), hour: 1 });
    expect(formatTimeOfDay(at(5, 0), 'es').hour).toBe(12);
    expect(say(en, 'flowTimeLimit', at(18, 15))).toMatch(/^You have until 1:15\sPM Eastern time to finish these steps/);
  });
});
