import { describe, expect, it } from 'vitest';
import { snapshotWithoutSecrets } from './audit-chain.ts';

describe('snapshotWithoutSecrets', () => {
  it('drops secret fields at any depth and turns dates into ISO strings', () => {
    const snapshot = snapshotWithoutSecrets({
      id: 'u1',
      passwordHash: '$argon2id$…',
      tokenHash: 'abc',
      token: 'acc_secret',
      prefix: 'acc_1234',
      totpSecret: 'JBSWY3DP',
      nested: { csrfToken: 'x', name: 'Ann', at: new Date('2026-01-02T03:04:05Z') },
    });
    expect(snapshot).toEqual({
      id: 'u1',
      prefix: 'acc_1234',
      nested: { name: 'Ann', at: '2026-01-02T03:04:05.000Z' },
    });
  });

  it('keeps null for nothing', () => {
    expect(snapshotWithoutSecrets(undefined)).toBeNull();
    expect(snapshotWithoutSecrets(null)).toBeNull();
  });
});
