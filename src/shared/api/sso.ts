// Single sign-on for staff with OpenID Connect: identity providers as the API shows and takes them, and
// the start of a sign-in.
import { z } from 'zod';

export const ssoProviderKinds = ['entra', 'google', 'oidc'] as const;
export type SsoProviderKind = (typeof ssoProviderKinds)[number];

export const GOOGLE_ISSUER = 'https://accounts.google.com';

const ENTRA_ISSUER =
  /^https:\/\/login\.microsoftonline\.com\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/v2\.0$/i;

/** The Entra issuer for a directory (tenant) ID, as the web form builds it. */
export const entraIssuer = (directoryId: string) =>
  `https://login.microsoftonline.com/${directoryId.trim().toLowerCase()}/v2.0`;

/** The directory (tenant) ID inside an Entra issuer, or null. */
export function entraDirectoryId(issuer: string): string | null {
  return ENTRA_ISSUER.test(issuer) ? issuer.split('/')[3]!.toLowerCase() : null;
}

/** http:// is refused except for a provider on this machine (development and tests). */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Why an issuer does not fit its kind, or null when it does. Entra must be one directory's v2.0 issuer
 * (never `common` or `organizations`, which would let any Microsoft tenant in); Google has one issuer.
 */
export function issuerProblem(kind: SsoProviderKind, issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'Enter the issuer as a full URL, e.g. https://idp.example.com';
  }
  if (url.search || url.hash || url.username || url.password) {
    return 'The issuer has no query, fragment or credentials';
  }
  switch (kind) {
    case 'entra':
      return ENTRA_ISSUER.test(issuer)
        ? null
        : 'For Microsoft Entra ID use https://login.microsoftonline.com/<directory (tenant) ID>/v2.0';
    case 'google':
      return issuer === GOOGLE_ISSUER ? null : `For Google Workspace the issuer is ${GOOGLE_ISSUER}`;
    case 'oidc':
      if (url.protocol === 'https:') return null;
      if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
      return 'Use an https:// issuer (http:// only for a provider on this machine)';
  }
}

/** The issuer as it is stored and discovered: Entra's directory ID in lower case, as Microsoft writes it. */
export function normalizeIssuer(kind: SsoProviderKind, issuer: string): string {
  const trimmed = issuer.trim();
  return kind === 'entra' ? trimmed.toLowerCase() : trimmed;
}

const kind = z
  .enum(ssoProviderKinds)
  .describe(
    "'entra': Microsoft Entra ID (issuer https://login.microsoftonline.com/<directory (tenant) ID>/v2.0, " +
      "that one directory only). 'google': Google Workspace (issuer https://accounts.google.com, the " +
      "default; only Workspace accounts, which carry the `hd` claim, are linked by email). 'oidc': any " +
      'other OpenID Connect provider (its https:// issuer URL; http:// only on a loopback host).',
  );
const name = z.string().trim().min(1).max(100).describe('Shown on the sign-in button and in settings');
const issuer = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .describe('The OpenID issuer URL; <issuer>/.well-known/openid-configuration is fetched when signing in');
const clientId = z.string().trim().min(1).max(500).describe("Accord's application (client) ID there");
const clientSecret = z.string().min(1).max(2000).describe('Write-only: stored sealed and never sent back');
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'Not a valid domain name');
const emailDomains = z
  .array(domain)
  .min(1, 'Add at least one email domain')
  .max(50)
  .transform((domains) => [...new Set(domains)])
  .describe(
    'Email domains whose people sign in here (lower-cased). A domain belongs to one enabled provider on ' +
      'the whole install (409 sso.domain_taken).',
  );

export const ssoProviderInputSchema = z
  .strictObject({
    kind,
    name,
    issuer: issuer.optional().describe('Required except for Google, where it defaults to its issuer'),
    clientId,
    clientSecret,
    emailDomains,
    enabled: z.boolean().default(true),
  })
  .superRefine((input, ctx) => {
    if (input.issuer === undefined) {
      if (input.kind !== 'google')
        ctx.addIssue({ code: 'custom', path: ['issuer'], message: 'Enter the issuer' });
      return;
    }
    const problem = issuerProblem(input.kind, normalizeIssuer(input.kind, input.issuer));
    if (problem) ctx.addIssue({ code: 'custom', path: ['issuer'], message: problem });
  });
export type SsoProviderInput = z.infer<typeof ssoProviderInputSchema>;

/** Fields left out stay as they are; leave clientSecret out to keep the stored one. */
export const ssoProviderUpdateSchema = z.strictObject({
  kind: kind.optional(),
  name: name.optional(),
  issuer: issuer.optional(),
  clientId: clientId.optional(),
  clientSecret: clientSecret.optional(),
  emailDomains: emailDomains.optional(),
  enabled: z.boolean().optional(),
});
export type SsoProviderUpdate = z.infer<typeof ssoProviderUpdateSchema>;

export const ssoProviderSchema = z.object({
  id: z.uuid(),
  kind: z.enum(ssoProviderKinds),
  name: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  emailDomains: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type SsoProvider = z.infer<typeof ssoProviderSchema>;

export const ssoStartInputSchema = z.strictObject({
  email: z
    .email()
    .max(320)
    .transform((value) => value.toLowerCase()),
});

export const ssoStartSchema = z.object({
  /** Where to send the browser: the provider's sign-in page. */
  redirectUrl: z.string(),
});

/**
 * Why a single sign-on came back to /login?sso_error=<code>: the state was unknown, expired or already
 * used, or made in another browser; the provider refused or could not be checked; the email is not
 * verified; no member of the organization has that email; the member is already linked to another account
 * there; the membership is deactivated; the provider was disabled meanwhile; anything else.
 */
export const ssoErrorCodes = [
  'expired',
  'denied',
  'provider',
  'unverified_email',
  'unknown_account',
  'already_linked',
  'no_membership',
  'disabled',
  'failed',
] as const;
export type SsoErrorCode = (typeof ssoErrorCodes)[number];
