// What Accord reads from a provider's ID token to find the person: the address it vouches for.
import type { SsoProviderKind } from '../../../shared/api/sso.ts';

type Claims = Readonly<Record<string, unknown>>;

/**
 * The email the provider vouches for, lower-cased: `email`, or for Entra the sign-in name
 * (`preferred_username`) when it sends no `email` — an Entra directory issuer only signs in accounts of
 * that directory, whose domains it has verified. Null when neither is an address.
 */
export function claimedEmail(kind: SsoProviderKind, claims: Claims): string | null {
  const email = claims.email ?? (kind === 'entra' ? claims.preferred_username : undefined);
  return typeof email === 'string' && /^[^@\s]+@[^@\s]+$/.test(email) ? email.toLowerCase() : null;
}

/** Only a provider that says "not verified" is refused: Entra sends no `email_verified` at all. */
export const isEmailUnverified = (claims: Claims) =>
  claims.email_verified === false || claims.email_verified === 'false';

export const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
