// Inbound mail as the API shows it: the mailboxes Accord reads (IMAP, or addresses its own SMTP listener
// accepts), every message received with what became of it, and the triage list of those a person must place.
import { z } from 'zod';
import { isLoopbackHost, mailHostSchema, type SmtpSecret, smtpSecretSchema } from './mail.ts';
import { priorities } from './sla-policies.ts';

export const mailboxKinds = ['imap', 'smtp'] as const;
export type MailboxKind = (typeof mailboxKinds)[number];
export const imapSecurityModes = ['tls', 'starttls', 'none'] as const;
export const imapAuthKinds = ['password', 'xoauth2'] as const;

/** What Accord did with a message. */
/** `change_request`: a vendor's person asked for a change by mail; the detail says what became of it. */
export const inboundOutcomes = [
  'ticket_created',
  'reply_added',
  'triage',
  'ignored',
  'change_request',
] as const;
export type InboundOutcome = (typeof inboundOutcomes)[number];

/** Why a message went to triage or was ignored. */
export const inboundReasons = [
  /** Triage: nobody at a client sent it (not a contact, not a client's domain). */
  'unknown_sender',
  /** Triage: the address or domain belongs to more than one client. */
  'ambiguous_sender',
  /** Triage: it names or answers a ticket, but its sender is not of that ticket's client. */
  'sender_not_on_ticket',
  /** Triage: it could not be read as an email (or processed); the detail says why. */
  'parse_error',
  /** Triage: larger than the install accepts; only its size and envelope are kept. */
  'too_large',
  /** Triage: its sender sent more than the hourly limit. */
  'rate_limited',
  /** Ignored: an auto-reply, bounce or bulk mail (the detail says which header). */
  'automatic',
  /** Ignored: sent by Accord itself (one of its own addresses); answering it would loop. */
  'own_address',
] as const;
export type InboundReason = (typeof inboundReasons)[number];

export const triageStates = ['open', 'resolved', 'dismissed'] as const;
export type TriageState = (typeof triageStates)[number];

const folderSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\r\n\0*%]*$/, 'A folder name, such as INBOX or Accord/Processed');

/** A password, or OAuth2 refresh material traded at tokenUrl for XOAUTH2 access tokens; as for SMTP.
 * Microsoft 365's scope: "https://outlook.office365.com/IMAP.AccessAsUser.All offline_access"; Google's:
 * "https://mail.google.com/". */
export const imapSecretSchema = smtpSecretSchema;
export type ImapSecret = SmtpSecret;

const imapInputSchema = z.object({
  host: mailHostSchema,
  port: z.number().int().min(1).max(65535),
  security: z.enum(imapSecurityModes),
  auth: z.enum(imapAuthKinds),
  user: z.string().trim().min(1).max(500),
  /** Write-only: the password or the OAuth2 bundle. Omitted on an update keeps the stored one. */
  secret: imapSecretSchema.optional(),
  folder: folderSchema.default('INBOX'),
  /** Where read mail is moved; null leaves it in the folder, marked read. */
  processedFolder: folderSchema.nullable().default(null),
});

export const mailboxInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^\r\n]*$/, 'One line'),
    /** The address clients write to; the SMTP listener accepts mail for it, and mail from it is never answered. */
    address: z
      .email()
      .max(320)
      .transform((value) => value.toLowerCase()),
    kind: z.enum(mailboxKinds),
    /** Required for kind imap, refused for kind smtp. */
    imap: imapInputSchema.nullish(),
    /** The board new tickets from this mailbox land on; null: the organization's first board. */
    boardId: z.uuid().nullish(),
    defaultPriority: z.enum(priorities).default('P3'),
    isEnabled: z.boolean().default(true),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'imap' && !value.imap) {
      ctx.addIssue({
        code: 'custom',
        path: ['imap'],
        message: 'Give the IMAP server to read this mailbox from',
      });
    }
    if (value.kind === 'smtp' && value.imap) {
      ctx.addIssue({
        code: 'custom',
        path: ['imap'],
        message: 'A mailbox the SMTP listener receives for has no IMAP server',
      });
    }
    const imap = value.imap;
    if (imap?.security === 'none' && !isLoopbackHost(imap.host)) {
      ctx.addIssue({
        code: 'custom',
        path: ['imap', 'security'],
        message: `Unencrypted IMAP ('none') is allowed only for a server on this machine; use 'tls' (port 993) or 'starttls' (port 143) for ${imap.host}`,
      });
    }
    if (imap?.secret && imap.secret.kind !== imap.auth) {
      ctx.addIssue({
        code: 'custom',
        path: ['imap', 'secret', 'kind'],
        message: `The secret must be of kind '${imap.auth}' for this sign-in method`,
      });
    }
  });
export type MailboxInput = z.infer<typeof mailboxInputSchema>;

export const mailboxSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string(),
  kind: z.enum(mailboxKinds),
  imap: z
    .object({
      host: z.string(),
      port: z.number().int(),
      security: z.enum(imapSecurityModes),
      auth: z.enum(imapAuthKinds),
      user: z.string(),
      /** Whether a password or OAuth2 bundle is stored; the secret itself is never returned. */
      hasSecret: z.boolean(),
      oauth: z
        .object({ clientId: z.string(), tokenUrl: z.string(), scope: z.string().nullable() })
        .nullable(),
      folder: z.string(),
      processedFolder: z.string().nullable(),
    })
    .nullable(),
  boardId: z.uuid().nullable(),
  defaultPriority: z.enum(priorities),
  isEnabled: z.boolean(),
  /** The last poll (IMAP) and its error, if it failed; the poll job retries every minute. */
  lastPolledAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Mailbox = z.infer<typeof mailboxSchema>;

export const mailboxCheckSchema = z.object({
  /** Messages in the folder, and how many of them are unread (those the next poll reads). */
  messages: z.number().int(),
  unseen: z.number().int(),
});
export type MailboxCheck = z.infer<typeof mailboxCheckSchema>;

export const mailboxPollResultSchema = z.object({ received: z.number().int() });
export type MailboxPollResult = z.infer<typeof mailboxPollResultSchema>;

export const attachmentSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** Served as a download only: GET /attachments/{id}. */
  url: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const inboundEmailSchema = z.object({
  id: z.uuid(),
  mailboxId: z.uuid().nullable(),
  mailboxName: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  messageId: z.string().nullable(),
  fromAddress: z.string(),
  fromName: z.string(),
  subject: z.string(),
  outcome: z.enum(inboundOutcomes),
  reason: z.enum(inboundReasons).nullable(),
  /** The parse error, the auto-reply header, the limit that was hit. */
  detail: z.string().nullable(),
  /** Only for outcome triage. */
  triageState: z.enum(triageStates).nullable(),
  ticketId: z.uuid().nullable(),
  ticketNumber: z.number().int().nullable(),
  clientId: z.uuid().nullable(),
  clientName: z.string().nullable(),
  size: z.number().int(),
  attachmentCount: z.number().int(),
});
export type InboundEmail = z.infer<typeof inboundEmailSchema>;

export const inboundEmailDetailSchema = inboundEmailSchema.extend({
  to: z.array(z.string()),
  cc: z.array(z.string()),
  sentAt: z.iso.datetime().nullable(),
  text: z.string(),
  attachments: z.array(attachmentSchema),
  /** Attachments that were not kept, and why. */
  skippedAttachments: z.array(z.object({ fileName: z.string(), size: z.number().int(), reason: z.string() })),
  /** The original message as received, as a .eml download (absent when it was too large to keep). */
  rawUrl: z.string().nullable(),
  triagedBy: z.string().nullable(),
  triagedAt: z.iso.datetime().nullable(),
});
export type InboundEmailDetail = z.infer<typeof inboundEmailDetailSchema>;

export const inboundEmailListQuerySchema = z.object({
  /** 'triage' lists the open triage items (the default view of the triage page). */
  view: z.enum(['triage', 'all']).default('triage'),
  outcome: z.enum(inboundOutcomes).optional(),
  /** Part of the sender's address or the subject. */
  q: z.string().trim().max(320).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type InboundEmailListQuery = z.infer<typeof inboundEmailListQuerySchema>;

export const inboundEmailPageSchema = z.object({
  items: z.array(inboundEmailSchema),
  nextCursor: z.string().nullable(),
  /** Open triage items, for the count on the tab. */
  openTriage: z.number().int(),
});
export type InboundEmailPage = z.infer<typeof inboundEmailPageSchema>;

/** Places a triaged mail as a new ticket for a client the dispatcher chose. */
export const triageCreateTicketSchema = z.object({
  clientId: z.uuid(),
  /** An existing contact of that client as the requester; or saveSenderAsContact to add the sender. */
  contactId: z.uuid().nullish(),
  /** Adds the sender as a contact of the client, so their next mail opens tickets by itself. */
  saveSenderAsContact: z.boolean().default(false),
  title: z.string().trim().min(1).max(300).optional(),
  priority: z.enum(priorities).optional(),
});
export type TriageCreateTicket = z.infer<typeof triageCreateTicketSchema>;

/** Adds a triaged mail to an existing ticket as a public reply. */
export const triageAttachSchema = z.object({
  ticketId: z.uuid(),
  saveSenderAsContact: z.boolean().default(false),
});
export type TriageAttach = z.infer<typeof triageAttachSchema>;

export const triageDismissSchema = z.object({
  /** Also dismisses every other open triage item from the same sender (a flood, spam). */
  allFromSender: z.boolean().default(false),
});
export type TriageDismiss = z.infer<typeof triageDismissSchema>;

export const triageResultSchema = z.object({
  item: inboundEmailSchema,
  ticketId: z.uuid().nullable(),
  /** How many items a dismiss closed (1, or more with allFromSender). */
  dismissed: z.number().int(),
});
export type TriageResult = z.infer<typeof triageResultSchema>;
