import { describe, expect, it } from 'vitest';
import { claimedEmail, domainOf, isEmailUnverified } from './sso-claims.ts';

describe('the email a provider vouches for', () => {
  it.each([
    ['oidc', { email: 'Ada@Contoso.COM' }, 'ada@contoso.com'],
    ['oidc', { preferred_username: 'ada@contoso.com' }, null],
    ['google', { preferred_username: 'ada@contoso.com' }, null],
    ['entra', { preferred_username: 'Ada@contoso.com' }, 'ada@contoso.com'],
    ['entra', { email: 'ada@contoso.com', preferred_username: 'other@contoso.com' }, 'ada@contoso.com'],
    ['entra', { preferred_username: 'not an address' }, null],
    ['oidc', { email: 42 }, null],
    ['oidc', {}, null],
  ] as const)('%s %j -> %s', (kind, claims, expected) => {
    expect(claimedEmail(kind, claims)).toBe(expected);
  });

  it('counts only an explicit "not verified" as unverified', () => {
    expect(isEmailUnverified({ email_verified: false })).toBe(true);
    expect(isEmailUnverified({ email_verified: 'false' })).toBe(true);
    expect(isEmailUnverified({ email_verified: true })).toBe(false);
    expect(isEmailUnverified({})).toBe(false);
  });

  it('takes the domain after the last @', () => {
    expect(domainOf('"a@b"@Contoso.com')).toBe('contoso.com');
  });
});
