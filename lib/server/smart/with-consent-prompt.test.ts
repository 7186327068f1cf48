import { describe, expect, it } from 'vitest';
import { withConsentPrompt } from './with-consent-prompt';

describe('withConsentPrompt', () => {
  it('adds prompt=consent when offline_access is asked for', () => {
    const out = new URL(`http://x${withConsentPrompt('/auth?scope=openid+offline_access&client_id=a')}`);
    expect(out.searchParams.get('prompt')).toBe('consent');
    expect(out.searchParams.get('client_id')).toBe('a');
  });
  it('keeps other prompts and leaves prompt=none alone', () => {
    expect(new URL(`http://x${withConsentPrompt('/auth?scope=offline_access&prompt=login')}`).searchParams.get('prompt')).toBe('login consent');
    expect(withConsentPrompt('/auth?scope=offline_access&prompt=none')).toBe('/auth?scope=offline_access&prompt=none');
  });
  it('touches nothing else', () => {
    expect(withConsentPrompt('/auth?scope=openid')).toBe('/auth?scope=openid');
    expect(withConsentPrompt('/token')).toBe('/token');
  });
});
