// Which address is the client: X-Forwarded-For counts only when the socket peer is a trusted proxy.
import { describe, expect, test } from 'vitest';
import { isLoopback, parseTrustedProxies, resolveClientIp, trustNoProxy } from './client-ip.ts';

describe('parseTrustedProxies', () => {
  test('accepts addresses, CIDR ranges of both families and "loopback"', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, 192.0.2.1 ,2001:db8::/32,loopback');
    expect(trusted.has('10.200.3.4')).toBe(true);
    expect(trusted.has('::ffff:10.200.3.4')).toBe(true);
    expect(trusted.has('192.0.2.1')).toBe(true);
    expect(trusted.has('192.0.2.2')).toBe(false);
    expect(trusted.has('2001:db8::17')).toBe(true);
    expect(trusted.has('127.0.0.1')).toBe(true);
    expect(trusted.has('::1')).toBe(true);
    expect(trusted.has('not-an-ip')).toBe(false);
  });

  test('empty trusts nobody', () => {
    expect(parseTrustedProxies('').has('127.0.0.1')).toBe(false);
    expect(parseTrustedProxies(undefined).has('10.0.0.1')).toBe(false);
  });

  test.each(['proxy.internal', '10.0.0.0/33', '10.0.0.0/x', '::1/129', '10.0.0.1/8/2'])(
    'rejects %s, naming it',
    (entry) => {
      expect(() => parseTrustedProxies(entry)).toThrow(entry);
    },
  );
});

describe('resolveClientIp', () => {
  const proxies = parseTrustedProxies('10.0.0.0/8');

  test.each([
    {
      peer: '198.51.100.7',
      xff: '203.0.113.9',
      expected: '198.51.100.7',
      why: 'untrusted peer: header ignored',
    },
    { peer: '10.0.0.2', xff: '203.0.113.9', expected: '203.0.113.9', why: 'trusted peer: its header counts' },
    { peer: '10.0.0.2', xff: '203.0.113.9, 10.0.0.3', expected: '203.0.113.9', why: 'skips trusted hops' },
    {
      peer: '10.0.0.2',
      xff: '6.6.6.6, 203.0.113.9',
      expected: '203.0.113.9',
      why: 'a spoofed left part is ignored',
    },
    {
      peer: '10.0.0.2',
      xff: '10.0.0.9, 10.0.0.3',
      expected: '10.0.0.9',
      why: 'all hops trusted: the farthest',
    },
    { peer: '10.0.0.2', xff: 'garbage', expected: '10.0.0.2', why: 'garbage: stop at the proxy' },
    { peer: '10.0.0.2', xff: undefined, expected: '10.0.0.2', why: 'no header' },
    {
      peer: '::ffff:198.51.100.7',
      xff: undefined,
      expected: '198.51.100.7',
      why: 'IPv4-mapped form normalized',
    },
  ])('$why', ({ peer, xff, expected }) => {
    expect(resolveClientIp(peer, xff, proxies)).toBe(expected);
  });

  test('without trusted proxies the socket peer is the client', () => {
    expect(resolveClientIp('10.0.0.2', '203.0.113.9', trustNoProxy)).toBe('10.0.0.2');
  });

  test('an in-process request has no address', () => {
    expect(resolveClientIp(null, '203.0.113.9', proxies)).toBeNull();
  });
});

test('isLoopback knows both families and the IPv4-mapped form', () => {
  expect(isLoopback('127.0.0.1')).toBe(true);
  expect(isLoopback('127.8.9.10')).toBe(true);
  expect(isLoopback('::1')).toBe(true);
  expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
  expect(isLoopback('10.0.0.1')).toBe(false);
});
