// Outbound mail as the API shows it: an organization's SMTP settings (secrets write-only), its email
// templates with the placeholders each may use, and the log of queued and sent messages.
import { z } from 'zod';

export const smtpSecurityModes = ['tls', 'starttls', 'none'] as const;
export const smtpAuthKinds = ['none', 'password', 'xoauth2'] as const;
export const outboundEmailStatuses = ['queued', 'sent', 'failed'] as const;
export type OutboundEmailStatus = (typeof outboundEmailStatuses)[number];

export const templateKeys = [
  'ticket.created',
  'ticket.public_reply',
  'ticket.status_changed',
  'ticket.assigned',
  'ticket.vendor_reply',
  'sla.at_risk',
  'sla.breached',
  'loa.expiring',
  'change_request.client_decided',
  'change_request.vendor_requested',
  'change_request.mail_reply',
  'remediation.reminder',
  'vendor_user.invited',
  'client_user.invited',
  'mail.test',
] as const;
export type TemplateKey = (typeof templateKeys)[number];

export const isTemplateKey = (key: string): key is TemplateKey =>
  (templateKeys as readonly string[]).includes(key);

const ticketPlaceholders = [
  'organization.name',
  'recipient.name',
  'ticket.number',
  'ticket.title',
  'ticket.url',
  'ticket.status',
  'ticket.priority',
  'client.name',
] as const;

/** What each template may use, as `{{name}}`; anything else in a saved template is refused. */
export const templatePlaceholders: Record<TemplateKey, readonly string[]> = {
  'ticket.created': [...ticketPlaceholders, 'actor.name'],
  'ticket.public_reply': [...ticketPlaceholders, 'actor.name', 'reply.text'],
  'ticket.status_changed': [...ticketPlaceholders, 'actor.name', 'status.from', 'status.to'],
  'ticket.assigned': [...ticketPlaceholders, 'actor.name'],
  'ticket.vendor_reply': [...ticketPlaceholders, 'vendor.name', 'reply.text'],
  'sla.at_risk': [...ticketPlaceholders, 'due.at'],
  'sla.breached': [...ticketPlaceholders, 'due.at'],
  'loa.expiring': [
    'organization.name',
    'recipient.name',
    'client.name',
    'vendor.name',
    'vendor.product',
    'vendor.url',
    'loa.expires_on',
    'loa.status',
  ],
  'change_request.client_decided': [
    'organization.name',
    'recipient.name',
    'client.name',
    'decider.name',
    'change.number',
    'change.title',
    'change.url',
    'change.decision',
    'change.outcome',
  ],
  'change_request.vendor_requested': [
    'organization.name',
    'recipient.name',
    'client.name',
    'vendor.name',
    'requester.name',
    'change.number',
    'change.title',
    'change.window',
    'change.url',
  ],
  'change_request.mail_reply': ['organization.name', 'recipient.name', 'mail.subject', 'reply.text'],
  'remediation.reminder': [
    'organization.name',
    'recipient.name',
    'client.name',
    'plan.title',
    'plan.update',
    'plan.url',
  ],
  'vendor_user.invited': [
    'organization.name',
    'recipient.name',
    'vendor.name',
    'invitation.url',
    'invitation.instructions',
  ],
  'client_user.invited': [
    'organization.name',
    'recipient.name',
    'client.name',
    'invitation.url',
    'invitation.instructions',
  ],
  'mail.test': ['organization.name', 'recipient.name', 'actor.name'],
};

/** What each template is for, shown next to it in the editor. */
export const templateDescriptions: Record<TemplateKey, string> = {
  'ticket.created': 'A ticket was opened (to the client contact and dispatchers).',
  'ticket.public_reply': 'Someone replied publicly on a ticket.',
  'ticket.status_changed': "A ticket's status changed.",
  'ticket.assigned': 'A ticket was assigned to someone.',
  'ticket.vendor_reply':
    'A vendor replied, through its link, on the incident its changes opened (to the assignee and triage staff).',
  'sla.at_risk': 'A ticket is close to missing its SLA target.',
  'sla.breached': 'A ticket missed its SLA target.',
  'loa.expiring':
    "A client's signed Letter of Agency for a vendor expires in 30 or 7 days, or has expired (to triage staff).",
  'change_request.client_decided':
    "A client approved or rejected a vendor's change request (to triage staff and whoever raised or approved it).",
  'change_request.vendor_requested':
    "A vendor's person raised a change request, or declared an emergency, in the vendor portal or by mail (to triage staff).",
  'change_request.mail_reply':
    "The answer to a vendor's change request sent by mail (to the sender): its number, or why it was refused, with the form.",
  'vendor_user.invited':
    "One of a vendor's people was invited to the vendor portal (to that person: a link to set a password, or where to sign in).",
  'remediation.reminder':
    "A remediation plan counted a notice, or its time box ends in 30 or 7 days (to triage staff who can see the client, and the client's portal admins).",
  'client_user.invited':
    "One of a client's people was invited to the client portal (to that person: a link to set a password, or where to sign in).",
  'mail.test': 'The "Send test mail" button in the mail settings.',
};

const loopbackHosts = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
/** Unencrypted SMTP is only for a relay on the same machine (a local Postfix, a test sink). */
export const isLoopbackHost = (host: string) =>
  loopbackHosts.has(host.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

export const mailHostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'Use a host name or IP address, e.g. smtp.office365.com');

export const smtpPasswordSecretSchema = z.object({
  kind: z.literal('password'),
  password: z.string().min(1).max(1000),
});

/** OAuth2 refresh material: Accord exchanges the refresh token at tokenUrl for access tokens. */
export const smtpOAuthSecretSchema = z.object({
  kind: z.literal('xoauth2'),
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().min(1).max(2000),
  refreshToken: z.string().min(1).max(8000),
  /** https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token, https://oauth2.googleapis.com/token, … */
  tokenUrl: z.url({ protocol: /^https?$/ }).max(1000),
  /** Sent with the refresh; Microsoft 365 wants "https://outlook.office365.com/SMTP.Send offline_access". */
  scope: z.string().trim().max(1000).optional(),
});

/** The part of a stored OAuth2 secret shown back to admins (which app, where tokens come from); else null. */
export function oauthAppOf(
  secret: unknown,
): { clientId: string; tokenUrl: string; scope: string | null } | null {
  const parsed = smtpOAuthSecretSchema.safeParse(secret);
  if (!parsed.success) return null;
  const { clientId, tokenUrl, scope } = parsed.data;
  return { clientId, tokenUrl, scope: scope ?? null };
}

export const smtpSecretSchema = z.discriminatedUnion('kind', [
  smtpPasswordSecretSchema,
  smtpOAuthSecretSchema,
]);
export type SmtpSecret = z.infer<typeof smtpSecretSchema>;

export const mailSettingsInputSchema = z
  .object({
    smtpHost: mailHostSchema,
    smtpPort: z.number().int().min(1).max(65535),
    smtpSecurity: z.enum(smtpSecurityModes),
    smtpAuth: z.enum(smtpAuthKinds),
    smtpUser: z.string().trim().min(1).max(500).nullish(),
    /** Write-only: the password, or the OAuth2 bundle. Omitted keeps the stored one. */
    secret: smtpSecretSchema.optional(),
    fromAddress: z.email().max(320),
    fromName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^\r\n]*$/, 'One line'),
  })
  .superRefine((value, ctx) => {
    if (value.smtpSecurity === 'none' && !isLoopbackHost(value.smtpHost)) {
      ctx.addIssue({
        code: 'custom',
        path: ['smtpSecurity'],
        message: `Unencrypted SMTP ('none') is allowed only for a relay on this machine (localhost, 127.0.0.1, ::1); use 'tls' (port 465) or 'starttls' (port 587) for ${value.smtpHost}`,
      });
    }
    if (value.smtpAuth !== 'none' && !value.smtpUser) {
      ctx.addIssue({ code: 'custom', path: ['smtpUser'], message: 'Give the user name to sign in as' });
    }
    if (value.secret && value.secret.kind !== value.smtpAuth) {
      ctx.addIssue({
        code: 'custom',
        path: ['secret', 'kind'],
        message: `The secret must be of kind '${value.smtpAuth}' for this sign-in method`,
      });
    }
  });
export type MailSettingsInput = z.infer<typeof mailSettingsInputSchema>;

export const mailSettingsSchema = z.object({
  smtpHost: z.string(),
  smtpPort: z.number().int(),
  smtpSecurity: z.enum(smtpSecurityModes),
  smtpAuth: z.enum(smtpAuthKinds),
  smtpUser: z.string().nullable(),
  /** Whether a password or OAuth2 bundle is stored; the secret itself is never returned. */
  hasSecret: z.boolean(),
  /** For OAuth2, the non-secret parts of the bundle, so the form can show what is set. */
  oauth: z.object({ clientId: z.string(), tokenUrl: z.string(), scope: z.string().nullable() }).nullable(),
  fromAddress: z.string(),
  fromName: z.string(),
  updatedAt: z.iso.datetime(),
});
export type MailSettings = z.infer<typeof mailSettingsSchema>;

/** Null settings: mail is off for this organization. */
export const mailSettingsViewSchema = z.object({ settings: mailSettingsSchema.nullable() });
export type MailSettingsView = z.infer<typeof mailSettingsViewSchema>;

export const mailTestResultSchema = z.object({
  to: z.string(),
  messageId: z.string(),
  /** What the server answered, e.g. "250 2.0.0 Ok: queued as 4F2". */
  response: z.string(),
});
export type MailTestResult = z.infer<typeof mailTestResultSchema>;

export const templateKeyParamSchema = z.object({ key: z.string().max(100) });

export const emailTemplateInputSchema = z.object({
  subject: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .regex(/^[^\r\n]*$/, 'The subject is one line'),
  textBody: z.string().min(1).max(50_000),
  /** Null sends the mail as plain text only. */
  htmlBody: z.string().max(100_000).nullable(),
});
export type EmailTemplateInput = z.infer<typeof emailTemplateInputSchema>;

export const emailTemplateSchema = z.object({
  key: z.enum(templateKeys),
  description: z.string(),
  subject: z.string(),
  textBody: z.string(),
  htmlBody: z.string().nullable(),
  placeholders: z.array(z.string()),
  /** False: the shipped default is in use. */
  isCustomized: z.boolean(),
  updatedAt: z.iso.datetime().nullable(),
});
export type EmailTemplate = z.infer<typeof emailTemplateSchema>;

export const emailPreviewSchema = z.object({
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  /** Placeholders the draft uses that this template does not have; saving it would be refused. */
  unknownPlaceholders: z.array(z.string()),
});
export type EmailPreview = z.infer<typeof emailPreviewSchema>;

export const outboundEmailSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  templateKey: z.string(),
  subject: z.string(),
  messageId: z.string(),
  ticketId: z.uuid().nullable(),
  eventId: z.uuid().nullable(),
  status: z.enum(outboundEmailStatuses),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  /** When a queued message is tried next; null once sent or failed. */
  nextAttemptAt: z.iso.datetime().nullable(),
});
export type OutboundEmail = z.infer<typeof outboundEmailSchema>;

export const outboundEmailListQuerySchema = z.object({
  status: z.enum(outboundEmailStatuses).optional(),
  /** Part of the recipient's address. */
  to: z.string().trim().max(320).optional(),
  ticketId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque cursor from the previous page's nextCursor. */
  cursor: z.string().max(500).optional(),
});
export type OutboundEmailListQuery = z.infer<typeof outboundEmailListQuerySchema>;

export const outboundEmailPageSchema = z.object({
  items: z.array(outboundEmailSchema),
  nextCursor: z.string().nullable(),
});
export type OutboundEmailPage = z.infer<typeof outboundEmailPageSchema>;
