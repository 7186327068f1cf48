import { describe, expect, it } from 'vitest';
import { badRequestTarget } from './request-target';

// Finding 6 of issue 10: bad bytes in a page's or the authorization server's path or query are
// refused at the door (400), never handed on to a page or the database.
describe('badRequestTarget', () => {
  it('refuses NUL, control characters and broken or non-UTF-8 percent-encoding, in the path or the query', () => {
    for (const url of [
      '/account/connections/%00',
      '/staff/members/a%00b',
      '/apps?q=%00',
      '/oauth/auth?client_id=%00',
      '/oauth/auth?client_id=x&state=%01',
      '/apps?q=%C0%80',
      '/apps?q=%ED%A0%80',
      '/apps?q=%E0%A4%A',
      '/apps?q=100%',
      '/%80',
      '/apps?%00=1',
    ]) {
      expect(badRequestTarget(url), url).toBe(true);
    }
  });

  it('lets ordinary targets through', () => {
    for (const url of ['/', '/apps?q=caf%C3%A9+bar', '/apps?q=a+b&x', '/account?tab=1&tab=2', '/oauth/auth?redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&scope=openid+fhirUser', '/a%20b/c+d', '/apps?q=%09']) {
      expect(badRequestTarget(url), url).toBe(false);
    }
  });
});
