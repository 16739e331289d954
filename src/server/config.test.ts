// Configuration for operations: proxies, the metrics token, the durability override and log levels.
import { expect, test } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

test('defaults trust no proxy, protect metrics by address, refuse unsafe durability and log at info', () => {
  const config = parseConfig({});
  expect(config.TRUST_PROXY).toBe('');
  expect(config.METRICS_TOKEN).toBeUndefined();
  expect(config.ALLOW_UNSAFE_DURABILITY).toBe('false');
  expect(config.LOG_LEVEL).toBe('info');
});

test('accepts proxies, a token, the override and the silent level', () => {
  const config = parseConfig({
    TRUST_PROXY: 'loopback, 10.0.0.0/8',
    METRICS_TOKEN: 'a-token-of-sixteen+',
    ALLOW_UNSAFE_DURABILITY: 'true',
    LOG_LEVEL: 'silent',
  });
  expect(config).toMatchObject({ TRUST_PROXY: 'loopback, 10.0.0.0/8', ALLOW_UNSAFE_DURABILITY: 'true' });
});

test('reports every bad operations setting at once, by name', () => {
  const parse = () =>
    parseConfig({ TRUST_PROXY: 'proxy.internal', METRICS_TOKEN: 'short', ALLOW_UNSAFE_DURABILITY: 'yes' });
  expect(parse).toThrow(ConfigError);
  expect(parse).toThrow(/TRUST_PROXY: "proxy.internal" is not an IP address/);
  expect(parse).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
  expect(parse).toThrow(/ALLOW_UNSAFE_DURABILITY/);
});

test('takes PUBLIC_URL as an http(s) origin only', () => {
  expect(parseConfig({ PUBLIC_URL: 'https://accord.example.com' }).PUBLIC_URL).toBe(
    'https://accord.example.com',
  );
  expect(parseConfig({ PUBLIC_URL: 'https://accord.example.com/' }).PUBLIC_URL).toBe(
    'https://accord.example.com/',
  );
  for (const bad of ['accord.example.com', 'ftp://accord.example.com', 'https://example.com/accord']) {
    expect(() => parseConfig({ PUBLIC_URL: bad }), bad).toThrow(/PUBLIC_URL: must be/);
  }
});
