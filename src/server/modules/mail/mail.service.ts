// Outbound mail: an organization's SMTP settings (secrets sealed, never shown), its templates over the
// shipped defaults, the queue every module enqueues into, and the job that sends what is due.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type EmailPreview,
  type EmailTemplate,
  type EmailTemplateInput,
  isTemplateKey,
  type MailSettings,
  type MailSettingsInput,
  type MailSettingsView,
  type MailTestResult,
  type OutboundEmail,
  type OutboundEmailListQuery,
  type OutboundEmailPage,
  oauthAppOf,
  type SmtpSecret,
  smtpSecretSchema,
  type TemplateKey,
  templateDescriptions,
  templateKeys,
  templatePlaceholders,
} from '../../../shared/api/mail.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { decodeLogCursor, encodeLogCursor } from '../../db/log-page.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import type { SecretBox } from '../../secret-box.ts';
import * as repo from './mail.repository.ts';
import { DeliveryError, type DeliveryOptions, deliver, retryAt } from './mail-delivery.ts';
import {
  defaultTemplates,
  renderTemplate,
  sampleData,
  type TemplateText,
  unknownPlaceholders,
} from './mail-templates.ts';

export interface EnqueueMessage {
  tenantId: string;
  to: string;
  templateKey: TemplateKey;
  /** Placeholder values by name ('ticket.number', …); missing ones render empty. */
  data: Record<string, string>;
  ticketId?: string | null;
  eventId?: string | null;
}

export const NOT_CONFIGURED_ERROR = 'Mail is not set up for this organization';
const BATCH_SIZE = 20;
const localDomain = (() => {
  const name = hostname().toLowerCase();
  return /^[a-z0-9.-]+$/.test(name) && name.includes('.') ? name : 'accord.local';
})();

const smtpContext = (tenantId: string) => `smtp:${tenantId}`;
const templateNotFound = (key: string) =>
  new AppError('email_template.not_found', `There is no email template "${key.slice(0, 100)}".`);

function toOutboundEmail(row: repo.OutboundEmailRow): OutboundEmail {
  return {
    id: row.id,
    to: row.toAddress,
    templateKey: row.templateKey,
    subject: row.subject,
    messageId: row.messageId,
    ticketId: row.ticketId,
    eventId: row.eventId,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    nextAttemptAt: row.status === 'queued' ? row.nextAttemptAt.toISOString() : null,
  };
}

export function createMailService(deps: {
  db: Database;
  actions: ActionRunner;
  clock: Clock;
  secretBox: SecretBox;
  /** Trusted roots and timeouts for SMTP connections (tests add their self-signed CA). */
  delivery?: DeliveryOptions;
}) {
  const { db, actions, clock, secretBox } = deps;
  const delivery = deps.delivery ?? {};
  /** Set by registerJobs: asks the send job to run soon after something was queued. */
  let onQueued: (() => void) | null = null;

  function openSecret(row: repo.MailSettingsRow): SmtpSecret | null {
    if (!row.smtpSecret) return null;
    try {
      return smtpSecretSchema.parse(JSON.parse(secretBox.open(row.smtpSecret, smtpContext(row.tenantId))));
    } catch {
      // The install's secret key changed (or the row was copied): the admin enters the secret again.
      throw new DeliveryError(
        "The stored SMTP secret cannot be opened with this install's key; enter it again in the mail settings.",
        false,
        null,
      );
    }
  }

  function toSettings(row: repo.MailSettingsRow): MailSettings {
    let secret: SmtpSecret | null = null;
    try {
      secret = row.smtpAuth === 'xoauth2' ? openSecret(row) : null;
    } catch {
      secret = null; // unreadable under this key: shown as not set, entered again
    }
    return {
      smtpHost: row.smtpHost,
      smtpPort: row.smtpPort,
      smtpSecurity: row.smtpSecurity,
      smtpAuth: row.smtpAuth,
      smtpUser: row.smtpUser,
      hasSecret: row.smtpSecret !== null,
      oauth: oauthAppOf(secret),
      fromAddress: row.fromAddress,
      fromName: row.fromName,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async function templateFor(executor: Executor, tenantId: string, key: TemplateKey): Promise<TemplateText> {
    const row = await repo.findTemplate(executor, tenantId, key);
    return row
      ? { subject: row.subject, textBody: row.textBody, htmlBody: row.htmlBody }
      : defaultTemplates[key];
  }

  function toTemplate(key: TemplateKey, row: repo.EmailTemplateRow | null): EmailTemplate {
    const text = row ?? defaultTemplates[key];
    return {
      key,
      description: templateDescriptions[key],
      subject: text.subject,
      textBody: text.textBody,
      htmlBody: text.htmlBody,
      placeholders: [...templatePlaceholders[key]],
      isCustomized: row !== null,
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  }

  function knownKey(key: string): TemplateKey {
    if (!isTemplateKey(key)) throw templateNotFound(key);
    return key;
  }

  const messageIdFor = (fromAddress: string | undefined) => {
    const domain = fromAddress?.split('@')[1]?.toLowerCase();
    return `<${randomUUID()}@${domain && /^[a-z0-9.-]+$/.test(domain) ? domain : localDomain}>`;
  };

  /** One attempt at one message: counted first, then sent outside any transaction, then recorded. */
  async function attempt(
    row: repo.OutboundEmailRow,
    settingsCache: Map<string, repo.MailSettingsRow | null>,
  ) {
    if (!(await repo.claimAttempt(db, row))) return;
    const attempts = row.attempts + 1;
    let settings = settingsCache.get(row.tenantId);
    if (settings === undefined) {
      settings = await repo.findSettings(db, row.tenantId);
      settingsCache.set(row.tenantId, settings);
    }
    let failure: DeliveryError | null = null;
    if (!settings) failure = new DeliveryError(NOT_CONFIGURED_ERROR, false, null);
    else {
      try {
        await deliver(
          settings,
          openSecret(settings),
          {
            from: { name: settings.fromName, address: settings.fromAddress },
            to: row.toAddress,
            subject: row.subject,
            text: row.textBody,
            html: row.htmlBody,
            messageId: row.messageId,
          },
          delivery,
        );
      } catch (error) {
        failure = error instanceof DeliveryError ? error : new DeliveryError(String(error), false, null);
      }
    }
    if (!failure) {
      await repo.updateOutboundEmail(db, row, { status: 'sent', sentAt: clock.now(), lastError: null });
      return;
    }
    const next = failure.isPermanent ? null : retryAt(clock.now(), attempts);
    await repo.updateOutboundEmail(db, row, {
      status: next ? 'queued' : 'failed',
      lastError: failure.message,
      ...(next ? { nextAttemptAt: next } : {}),
    });
  }

  return {
    async getSettings(scope: Scope): Promise<MailSettingsView> {
      const row = await repo.findSettings(db, scope.tenantId);
      return { settings: row ? toSettings(row) : null };
    },

    async saveSettings(actor: Actor, input: MailSettingsInput): Promise<MailSettingsView> {
      return actions.run(actor, 'mail_settings.update', async (tx, audit) => {
        const tenantId = actor.scope.tenantId;
        const before = await repo.findSettings(tx, tenantId);
        let smtpSecret: string | null;
        if (input.smtpAuth === 'none') smtpSecret = null;
        else if (input.secret)
          smtpSecret = secretBox.seal(JSON.stringify(input.secret), smtpContext(tenantId));
        else {
          // Omitted keeps the stored secret, if it is of the kind this sign-in method needs.
          const kept = before && before.smtpAuth === input.smtpAuth ? before.smtpSecret : null;
          if (!kept) {
            throw new AppError(
              'request.invalid',
              input.smtpAuth === 'password'
                ? 'Enter the password to sign in with.'
                : 'Enter the OAuth2 client id, client secret, refresh token and token URL.',
              [{ path: ['secret'], message: 'Required for this sign-in method' }],
            );
          }
          smtpSecret = kept;
        }
        await repo.saveSettings(tx, {
          tenantId,
          smtpHost: input.smtpHost,
          smtpPort: input.smtpPort,
          smtpSecurity: input.smtpSecurity,
          smtpAuth: input.smtpAuth,
          smtpUser: input.smtpAuth === 'none' ? null : (input.smtpUser ?? null),
          smtpSecret,
          fromAddress: input.fromAddress,
          fromName: input.fromName,
          updatedAt: clock.now(),
        });
        const after = toSettings((await repo.findSettings(tx, tenantId))!);
        audit.target('mail_settings', tenantId);
        audit.change(before ? toSettings(before) : null, {
          ...after,
          secretChanged: input.secret !== undefined,
        });
        return { settings: after };
      });
    },

    /** Turns mail off: queued messages stay queued and fail with "not set up" until it is back. */
    async deleteSettings(actor: Actor): Promise<void> {
      await actions.run(actor, 'mail_settings.delete', async (tx, audit) => {
        const before = await repo.findSettings(tx, actor.scope.tenantId);
        await repo.deleteSettings(tx, actor.scope.tenantId);
        audit.target('mail_settings', actor.scope.tenantId);
        audit.change(before ? toSettings(before) : null, null);
      });
    },

    /** Sends the test template to the caller now, and records it in the log and the audit trail. */
    async sendTestMail(actor: Actor): Promise<MailTestResult> {
      const tenantId = actor.scope.tenantId;
      const settings = await repo.findSettings(db, tenantId);
      if (!settings) {
        throw new AppError('mail.not_configured', 'Set up the SMTP server first, then send a test mail.');
      }
      const me = await repo.findIdentity(db, actor.scope.identityId);
      if (!me) throw new AppError('auth.unauthenticated', 'Sign in first.');
      const rendered = renderTemplate(await templateFor(db, tenantId, 'mail.test'), {
        'organization.name': await repo.findOrganizationName(db, tenantId),
        'recipient.name': me.name,
        'actor.name': me.name,
      });
      const messageId = messageIdFor(settings.fromAddress);
      let response = '';
      let failure: DeliveryError | null = null;
      try {
        response = await deliver(
          settings,
          openSecret(settings),
          {
            from: { name: settings.fromName, address: settings.fromAddress },
            to: me.email,
            subject: rendered.subject,
            text: rendered.text,
            html: rendered.html,
            messageId,
          },
          delivery,
        );
      } catch (error) {
        failure = error instanceof DeliveryError ? error : new DeliveryError(String(error), false, null);
      }
      await actions.run(actor, 'mail.test', async (tx, audit) => {
        const now = clock.now();
        const id = await repo.insertOutboundEmail(tx, {
          tenantId,
          toAddress: me.email,
          templateKey: 'mail.test',
          subject: rendered.subject,
          textBody: rendered.text,
          htmlBody: rendered.html,
          messageId,
          status: failure ? 'failed' : 'sent',
          attempts: 1,
          lastError: failure?.message ?? null,
          createdAt: now,
          nextAttemptAt: now,
          sentAt: failure ? null : now,
        });
        audit.target('outbound_email', id);
        audit.change(null, {
          to: me.email,
          server: `${settings.smtpHost}:${settings.smtpPort}`,
          result: failure ? 'failed' : 'sent',
          response: failure?.message ?? response,
        });
      });
      if (failure) {
        throw new AppError('mail.send_failed', `The test mail was not sent: ${failure.message}`, {
          server: `${settings.smtpHost}:${settings.smtpPort}`,
          response: failure.message,
          responseCode: failure.responseCode,
        });
      }
      return { to: me.email, messageId, response };
    },

    async listTemplates(scope: Scope): Promise<EmailTemplate[]> {
      const rows = new Map((await repo.listTemplates(db, scope.tenantId)).map((row) => [row.key, row]));
      return templateKeys.map((key) => toTemplate(key, rows.get(key) ?? null));
    },

    async getTemplate(scope: Scope, key: string): Promise<EmailTemplate> {
      const known = knownKey(key);
      return toTemplate(known, await repo.findTemplate(db, scope.tenantId, known));
    },

    async saveTemplate(actor: Actor, key: string, input: EmailTemplateInput): Promise<EmailTemplate> {
      const known = knownKey(key);
      const unknown = unknownPlaceholders(known, input);
      if (unknown.length > 0) {
        throw new AppError(
          'email_template.invalid',
          `Unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `{{${n}}}`).join(', ')}; ` +
            `this template can use ${templatePlaceholders[known].map((n) => `{{${n}}}`).join(', ')}.`,
          { unknownPlaceholders: unknown, placeholders: templatePlaceholders[known] },
        );
      }
      return actions.run(actor, 'email_template.update', async (tx, audit) => {
        const before = await repo.findTemplate(tx, actor.scope.tenantId, known);
        await repo.saveTemplate(tx, { tenantId: actor.scope.tenantId, key: known, ...input }, clock.now());
        const after = toTemplate(known, await repo.findTemplate(tx, actor.scope.tenantId, known));
        audit.target('email_template', known);
        audit.change(toTemplate(known, before), after);
        return after;
      });
    },

    async resetTemplate(actor: Actor, key: string): Promise<EmailTemplate> {
      const known = knownKey(key);
      return actions.run(actor, 'email_template.reset', async (tx, audit) => {
        const before = await repo.findTemplate(tx, actor.scope.tenantId, known);
        await repo.deleteTemplate(tx, actor.scope.tenantId, known);
        const after = toTemplate(known, null);
        audit.target('email_template', known);
        audit.change(toTemplate(known, before), after);
        return after;
      });
    },

    async previewTemplate(scope: Scope, key: string, draft: EmailTemplateInput): Promise<EmailPreview> {
      const known = knownKey(key);
      const organization = await repo.findOrganizationName(db, scope.tenantId);
      const rendered = renderTemplate(draft, { ...sampleData, 'organization.name': organization });
      return { ...rendered, unknownPlaceholders: unknownPlaceholders(known, draft) };
    },

    /**
     * Renders the message with the organization's template inside the caller's transaction and queues
     * it; the send job delivers it after the commit (within a minute, or at once when the job is kicked).
     */
    async enqueue(tx: Executor, message: EnqueueMessage): Promise<{ id: string }> {
      const template = await templateFor(tx, message.tenantId, message.templateKey);
      const organization = await repo.findOrganizationName(tx, message.tenantId);
      const rendered = renderTemplate(template, { 'organization.name': organization, ...message.data });
      const settings = await repo.findSettings(tx, message.tenantId);
      const id = await repo.insertOutboundEmail(tx, {
        tenantId: message.tenantId,
        toAddress: message.to,
        templateKey: message.templateKey,
        subject: rendered.subject,
        textBody: rendered.text,
        htmlBody: rendered.html,
        messageId: messageIdFor(settings?.fromAddress),
        ticketId: message.ticketId ?? null,
        eventId: message.eventId ?? null,
        status: 'queued',
        attempts: 0,
        createdAt: clock.now(),
        nextAttemptAt: clock.now(),
      });
      onQueued?.();
      return { id };
    },

    /** The job's hook: called (not awaited) after each enqueue. */
    setOnQueued(listener: (() => void) | null): void {
      onQueued = listener;
    },

    /**
     * Sends every queued message whose attempt is due, each claimed and recorded in its own short
     * transaction with the network in between; each message is tried at most once per call.
     */
    async sendDue(): Promise<{ attempted: number }> {
      const tried: string[] = [];
      const settingsCache = new Map<string, repo.MailSettingsRow | null>();
      for (;;) {
        const due = await repo.listDueOutboundEmails(db, clock.now(), {
          limit: BATCH_SIZE,
          excludeIds: tried,
        });
        if (due.length === 0) break;
        for (const row of due) {
          tried.push(row.id);
          await attempt(row, settingsCache);
        }
      }
      return { attempted: tried.length };
    },

    async listOutbound(scope: Scope, query: OutboundEmailListQuery): Promise<OutboundEmailPage> {
      const rows = await repo.listOutboundEmails(db, scope.tenantId, {
        status: query.status,
        to: query.to,
        ticketId: query.ticketId,
        before: query.cursor ? decodeLogCursor(query.cursor) : undefined,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(toOutboundEmail),
        nextCursor: rows.length > query.limit && last ? encodeLogCursor(last.createdAt, last.id) : null,
      };
    },

    /** A failed message goes back to the queue with a fresh retry schedule. */
    async retry(actor: Actor, id: string): Promise<OutboundEmail> {
      const result = await actions.run(actor, 'outbound_email.retry', async (tx, audit) => {
        const row = await repo.findOutboundEmail(tx, actor.scope.tenantId, id);
        if (!row) throw new AppError('outbound_email.not_found', 'Outbound email not found.');
        audit.target('outbound_email', id);
        if (row.status !== 'failed') {
          throw new AppError('conflict', `Only a failed message can be retried; this one is ${row.status}.`);
        }
        await repo.updateOutboundEmail(tx, row, {
          status: 'queued',
          attempts: 0,
          nextAttemptAt: clock.now(),
        });
        const after = toOutboundEmail((await repo.findOutboundEmail(tx, actor.scope.tenantId, id))!);
        audit.change(toOutboundEmail(row), after);
        return after;
      });
      onQueued?.();
      return result;
    },
  };
}

export type MailService = ReturnType<typeof createMailService>;
