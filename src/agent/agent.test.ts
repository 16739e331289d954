import { describe, expect, it } from 'vitest';
import { jittered } from './agent-command.ts';
import { normalizeServerUrl } from './server-client.ts';
import { parseOsRelease } from './system-info.ts';

describe('the agent', () => {
  it('reads /etc/os-release fields with and without quotes', () => {
    const fields = parseOsRelease(
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID=12\n# c\n',
    );
    expect(fields).toMatchObject({ NAME: 'Debian GNU/Linux', VERSION_ID: '12' });
  });

  it('spreads heartbeats by at most 10 % either way', () => {
    expect([0, 0.5, 1].map((r) => jittered(60_000, () => r))).toEqual([54_000, 60_000, 66_000]);
  });

  it('keeps only the origin of the server URL and refuses other schemes', () => {
    expect(normalizeServerUrl('https://accord.example.com/some/path/')).toBe('https://accord.example.com');
    expect(() => normalizeServerUrl('ftp://accord.example.com')).toThrow('http(s)');
    expect(() => normalizeServerUrl('accord.example.com')).toThrow('--server');
  });
});
