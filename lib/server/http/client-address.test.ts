import { describe, expect, it } from 'vitest';
import { clientAddress, networkOf, normalizeAddress, parseTrustProxy, peerIsTrustedProxy } from './client-address';

describe('clientAddress', () => {
  it('ignores X-Forwarded-For unless a proxy is trusted', () => {
    expect(clientAddress('203.0.113.5', '198.51.100.1', null)).toBe('203.0.113.5');
    expect(clientAddress('::ffff:203.0.113.5', undefined, parseTrustProxy('1'))).toBe('203.0.113.5');
  });

  it('counts hops from the socket, and never reads further left than the header goes', () => {
    const two = parseTrustProxy('2');
    expect(clientAddress('10.0.0.1', 'spoof, 203.0.113.9, 10.0.0.2', two)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.1', '203.0.113.9', two)).toBe('203.0.113.9');
  });

  it('walks past trusted addresses and networks to the right-most untrusted hop', () => {
    const trusted = parseTrustProxy('loopback, 10.0.0.0/8, 2001:db8::/32');
    expect(clientAddress('127.0.0.1', 'spoof, 198.51.100.7, 2001:db8::1, 10.9.9.9', trusted)).toBe('198.51.100.7');
    expect(clientAddress('127.0.0.1', '[2001:db8:1::5]:443, 198.51.100.7:5000', trusted)).toBe('198.51.100.7');
    // Every hop trusted: the left-most is all there is.
    expect(clientAddress('127.0.0.1', '10.1.1.1', trusted)).toBe('10.1.1.1');
  });

  it('keeps what it cannot read as an address short, and never lets it widen a bucket', () => {
    expect(clientAddress('127.0.0.1', `${'x'.repeat(500)}`, parseTrustProxy('1'))).toHaveLength(64);
  });
});

describe('peerIsTrustedProxy', () => {
  it('is a configured proxy: the nearest hop with a hop count, a listed address or network otherwise, nobody when unset', () => {
    expect(peerIsTrustedProxy('127.0.0.1', null)).toBe(false);
    expect(peerIsTrustedProxy('203.0.113.5', parseTrustProxy('1'))).toBe(true);
    expect(peerIsTrustedProxy('::ffff:10.1.2.3', parseTrustProxy('10.0.0.0/8'))).toBe(true);
    expect(peerIsTrustedProxy('203.0.113.5', parseTrustProxy('10.0.0.0/8, loopback'))).toBe(false);
    expect(peerIsTrustedProxy(undefined, parseTrustProxy('loopback'))).toBe(false);
  });
});

describe('parseTrustProxy', () => {
  it('reads nothing, hop counts, addresses and networks, and refuses anything else', () => {
    expect(parseTrustProxy(undefined)).toBeNull();
    expect(parseTrustProxy(' ')).toBeNull();
    expect(parseTrustProxy('false')).toBeNull();
    expect(parseTrustProxy('3')).toEqual({ hops: 3 });
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy('proxy.example')).toThrow(/TRUST_PROXY/);
  });
});

describe('networkOf', () => {
  it('counts IPv4 per address and IPv6 per /64', () => {
    expect(networkOf('203.0.113.5')).toBe('203.0.113.5');
    expect(networkOf('2001:db8:0:12:a:b:c:d')).toBe('2001:db8:0:12::/64');
    expect(networkOf('2001:db8:0:12::7')).toBe(networkOf('2001:db8:0:12:ffff::1'));
    expect(networkOf('::1')).toBe('0:0:0:0::/64');
  });
  it('normalizes brackets, ports and IPv4-mapped addresses', () => {
    expect(normalizeAddress('[::1]:80')).toBe('::1');
    expect(normalizeAddress('1.2.3.4:80')).toBe('1.2.3.4');
    expect(normalizeAddress('::FFFF:1.2.3.4')).toBe('1.2.3.4');
    expect(normalizeAddress('nonsense')).toBeNull();
  });
});
