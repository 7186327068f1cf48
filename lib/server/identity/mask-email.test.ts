import { describe, expect, it } from 'vitest';
import { maskEmail } from './mask-email';

describe('maskEmail', () => {
  it('keeps the first and last character of the local part and the whole domain', () => {
    expect(maskEmail('maria.santos@members.example')).toBe('m•••••••••s@members.example');
  });

  it('hides the length of the local part', () => {
    expect(maskEmail('ab.cdefghijklmnopqrstuvwxyz@x.example')).toBe('a•••••••••z@x.example');
    expect(maskEmail('abc@x.example')).toBe('a•••••••••c@x.example');
  });

  it('never shows a short local part whole', () => {
    expect(maskEmail('jo@x.example')).toBe('j•••••••••@x.example');
    expect(maskEmail('j@x.example')).toBe('j•••••••••@x.example');
  });
});
