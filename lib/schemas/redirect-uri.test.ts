import { describe, expect, it } from 'vitest';
import { redirectUriProblem, webAddressProblem } from './redirect-uri';

describe('redirectUriProblem', () => {
  it.each([
    'https://app.example.com/callback',
    'https://app.example.com:8443/oauth/cb?source=hub',
    'http://127.0.0.1:8765/callback',
    'http://127.0.0.1/',
    'http://[::1]:3000/cb',
    'http://localhost:5173/callback',
    'com.example.app:/oauth2redirect',
    'com.example.app://callback',
    'org.my-health.notes:/cb',
  ])('accepts %s', (uri) => {
    expect(redirectUriProblem(uri)).toBeNull();
  });

  it.each([
    ['http://app.example.com/callback', 'redirectHttpNotLoopback'],
    ['http://192.168.1.20/callback', 'redirectHttpNotLoopback'],
    ['http://localhost.evil.example/callback', 'redirectHttpNotLoopback'],
    ['http://127.0.0.2/callback', 'redirectHttpNotLoopback'],
    ['http://0.0.0.0:8080/cb', 'redirectHttpNotLoopback'],
    ['https://*.example.com/callback', 'redirectWildcard'],
    ['https://app.example.com/*', 'redirectWildcard'],
    ['http://127.0.0.1:*/callback', 'redirectWildcard'],
    ['https://app.example.com/callback#done', 'redirectFragment'],
    ['https://app.example.com/callback#', 'redirectFragment'],
    ['https://user:pass@app.example.com/cb', 'redirectCredentials'],
    ['myapp:/callback', 'redirectScheme'],
    ['javascript:alert(1)', 'redirectScheme'],
    ['data:text/html,hi', 'redirectScheme'],
    ['file:///etc/passwd', 'redirectScheme'],
    ['ftp://files.example.com/cb', 'redirectScheme'],
    ['/callback', 'redirectNotUrl'],
    ['app.example.com/callback', 'redirectNotUrl'],
    ['https://app.example.com/call back', 'redirectNotUrl'],
    ['https:app.example.com/cb', 'redirectNotStandard'],
    ['https:///cb', 'redirectNotStandard'],
    ['HTTPS://App.Example.com/cb', 'redirectNotStandard'],
    ['https://app.example.com', 'redirectNotStandard'],
    ['https://\u0430pple.com/cb', 'redirectNotStandard'],
    ['https://app.example.com\\@evil.example/cb', 'redirectNotStandard'],
    ['', 'redirectRequired'],
    [`https://app.example.com/${'a'.repeat(2000)}`, 'redirectTooLong'],
  ])('refuses %s (%s)', (uri, problem) => {
    expect(redirectUriProblem(uri)).toBe(problem);
  });
});

describe('webAddressProblem', () => {
  it('takes https anywhere and http on loopback only', () => {
    expect(webAddressProblem('https://app.example.com/privacy')).toBeNull();
    expect(webAddressProblem('https://app.example.com/docs#privacy')).toBeNull();
    expect(webAddressProblem('http://127.0.0.1:8765/')).toBeNull();
    expect(webAddressProblem('http://app.example.com/privacy')).toBe('webAddressInvalid');
    expect(webAddressProblem('com.example.app:/privacy')).toBe('webAddressInvalid');
    expect(webAddressProblem('javascript:alert(1)')).toBe('webAddressInvalid');
  });

  it('lets no fragment carry an address whose scheme or host is wrong', () => {
    for (const address of [
      'javascript:alert(document.domain)//#',
      'http://evil.example/policy#x',
      'data:text/html,<script>alert(1)</script>#',
      'com.example.app:/privacy#top',
      'https://*.example.com/#x',
      'https://user:pw@app.example.com/#x',
      '#',
      'https://app.example.com/#a b',
    ]) {
      expect(webAddressProblem(address), address).toBe('webAddressInvalid');
    }
    expect(webAddressProblem('http://localhost:8765/terms#section-2')).toBeNull();
  });
});
