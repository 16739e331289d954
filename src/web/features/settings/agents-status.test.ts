import { describe, expect, test } from 'vitest';
import { ASSET_ONLINE_MINUTES } from '../../../shared/api/assets.ts';
import { agentStatus } from './agents-status.ts';

const now = Date.parse('2026-03-10T12:00:00Z');
const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

describe('agentStatus', () => {
  test('online while the last check-in is recent, offline after', () => {
    expect(agentStatus({ lastSeenAt: ago(1), revokedAt: null }, now)).toBe('online');
    expect(agentStatus({ lastSeenAt: ago(ASSET_ONLINE_MINUTES), revokedAt: null }, now)).toBe('offline');
    expect(agentStatus({ lastSeenAt: ago(60), revokedAt: null }, now)).toBe('offline');
  });

  test('an agent that never checked in is not seen yet', () => {
    expect(agentStatus({ lastSeenAt: null, revokedAt: null }, now)).toBe('never');
  });

  test('revoked wins over a recent check-in', () => {
    expect(agentStatus({ lastSeenAt: ago(1), revokedAt: ago(0) }, now)).toBe('revoked');
  });
});
