// Setup, sign-in, sessions, API tokens and staff members.
import { z } from 'zod';
import { instantSchema } from './common.ts';

export const staffRoleValues = ['owner', 'admin', 'dispatcher', 'technician', 'billing'] as const;
export const staffRoleSchema = z.enum(staffRoleValues);
export type StaffRoleValue = z.infer<typeof staffRoleSchema>;
/** Staff, a vendor's person (the vendor portal), or a client's person (the client portal). */
export const memberRoleSchema = z.enum([...staffRoleValues, 'vendor', 'client_admin', 'client_user']);
export type MemberRoleValue = z.infer<typeof memberRoleSchema>;

const email = z
  .email()
  .max(320)
  .transform((value) => value.toLowerCase());
const name = z.string().trim().min(1).max(200);
export const passwordSchema = z
  .string()
  .min(12, 'Use at least 12 characters')
  .max(256, 'Use at most 256 characters');

export const setupInputSchema = z.strictObject({
  organizationName: name,
  name,
  email,
  password: passwordSchema,
});
export type SetupInput = z.infer<typeof setupInputSchema>;

export const setupStatusSchema = z.object({ required: z.literal(true) });

export const loginInputSchema = z.strictObject({
  email,
  password: z.string().min(1).max(256),
  tenantId: z.uuid().optional(),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

export const membershipSummarySchema = z.object({
  tenantId: z.uuid(),
  tenantName: z.string(),
  role: memberRoleSchema,
});

/**
 * While set, the session reaches only the MFA routes (403 auth.mfa_required elsewhere): 'verify' asks for
 * a code from the authenticator (or a recovery code), 'enroll' for setting one up because the
 * organization requires it.
 */
export const mfaPendingSchema = z.enum(['verify', 'enroll']);
export type MfaPending = z.infer<typeof mfaPendingSchema>;

export const sessionSchema = z.object({
  identity: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
  /** How this session signed in. */
  method: z.enum(['password', 'sso']),
  mfaPending: mfaPendingSchema.nullable(),
  /** The organization this session acts in; null until one is chosen, and while MFA is pending. */
  membership: z
    .object({
      id: z.uuid(),
      tenantId: z.uuid(),
      tenantName: z.string(),
      role: memberRoleSchema,
      allClients: z.boolean(),
      clientIds: z.array(z.uuid()),
      permissions: z.array(z.string()),
    })
    .nullable(),
  memberships: z.array(membershipSummarySchema),
  /** Send back in the X-CSRF-Token header on every mutation made with the session cookie. */
  csrfToken: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

/** Your own second factor. */
export const mfaStatusSchema = z.object({
  totpEnabled: z.boolean(),
  enabledAt: z.iso.datetime().nullable(),
  recoveryCodesLeft: z.number().int(),
  /** An organization you belong to requires MFA for your role: it cannot be turned off. */
  requiredByOrganization: z.boolean(),
});
export type MfaStatus = z.infer<typeof mfaStatusSchema>;

/** A new authenticator secret, not in force until confirmed with a code from it. */
export const totpSetupSchema = z.object({
  /** Base32, for typing into an app that cannot scan. */
  secret: z.string(),
  otpauthUri: z.string(),
  /** The otpauth URI as a QR code: a data: URL of an SVG image. */
  qrCode: z.string(),
});
export type TotpSetup = z.infer<typeof totpSetupSchema>;

const totpCode = z
  .string()
  .trim()
  .regex(/^\d{3} ?\d{3}$/, 'Enter the 6-digit code from your authenticator app');

export const totpCodeInputSchema = z.strictObject({ code: totpCode });

/** Either the current code or one unused recovery code. */
export const mfaVerifyInputSchema = z
  .strictObject({
    code: totpCode.optional(),
    recoveryCode: z.string().trim().min(1).max(40).optional(),
  })
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), {
    message: 'Send either code or recoveryCode',
  });
export type MfaVerifyInput = z.infer<typeof mfaVerifyInputSchema>;

/** Shown once; each works once. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

export const totpConfirmedSchema = recoveryCodesSchema.extend({ session: sessionSchema });

export const passwordConfirmInputSchema = z.strictObject({ password: z.string().min(1).max(256) });

export const passwordChangeInputSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: passwordSchema,
});

/** The organization's sign-in rules. */
export const securitySettingsSchema = z.object({
  /** Staff without MFA must set it up before anything else. On by default. */
  mfaRequiredForStaff: z.boolean(),
  /** The same for portal users: clients' and vendors' people. Off by default. */
  mfaRequiredForClientUsers: z.boolean(),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;
export const securitySettingsUpdateSchema = z.strictObject({
  mfaRequiredForStaff: z.boolean().optional(),
  mfaRequiredForClientUsers: z.boolean().optional(),
});

export const selectTenantInputSchema = z.strictObject({ tenantId: z.uuid() });

/** 'read' answers GET and HEAD only (403 auth.token_read_only otherwise); 'full' may do what you may. */
export const apiTokenScopeSchema = z.enum(['read', 'full']);
export type ApiTokenScope = z.infer<typeof apiTokenScopeSchema>;

export const apiTokenInputSchema = z.strictObject({
  name,
  /** Read-only unless asked for: a leaked token should do the least harm. */
  scope: apiTokenScopeSchema.default('read'),
  expiresAt: instantSchema.optional(),
});
export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scope: apiTokenScopeSchema,
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export const createdApiTokenSchema = apiTokenSchema.extend({
  /** Shown once; only its hash is stored. */
  token: z.string(),
});

/** A signed-in browser session, as its owner or an admin sees it (never its token). */
export const accountSessionSchema = z.object({
  id: z.uuid(),
  /** The organization the session acts in; null until one is chosen. */
  tenantId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  method: z.enum(['password', 'sso']),
  /** The session making this request. */
  current: z.boolean(),
});
export type AccountSession = z.infer<typeof accountSessionSchema>;

export const sessionsRevokedSchema = z.object({ revoked: z.number().int() });

const clientScope = {
  allClients: z.boolean(),
  clientIds: z.array(z.uuid()).max(10_000),
};

export const userInputSchema = z.strictObject({
  name,
  email,
  password: passwordSchema,
  role: staffRoleSchema,
  ...clientScope,
});
export type UserInput = z.infer<typeof userInputSchema>;

export const userUpdateSchema = z.strictObject({
  role: staffRoleSchema.optional(),
  allClients: clientScope.allClients.optional(),
  clientIds: clientScope.clientIds.optional(),
  active: z.boolean().optional(),
});
export type UserUpdate = z.infer<typeof userUpdateSchema>;

export const userSchema = z.object({
  id: z.uuid(),
  identityId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: staffRoleSchema,
  allClients: z.boolean(),
  clientIds: z.array(z.uuid()),
  active: z.boolean(),
  /** Whether the member has an authenticator set up (admins reset it with DELETE /users/{id}/mfa). */
  mfaEnabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type User = z.infer<typeof userSchema>;
