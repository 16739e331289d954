// Taking a change request a vendor's person sent by mail, inside the receiver's transaction: the sender is
// one of a vendor's people of the organization, the subject says "Change request:", and the body is the
// form request-mail.ts reads. The request is raised in the person's name, as in the portal, and the
// sender gets a reply either way: the request's number, or every reason it was refused and the form.
import { type ChangeRequest, changeRequestInputSchema } from '../../../shared/api/change-requests.ts';
import type { Transaction } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/scope.ts';
import type { ChangeRequestService } from '../change-requests/index.ts';
import type { MailService } from '../mail/index.ts';
import * as repo from './portal.repository.ts';
import { REQUEST_FORM_TEMPLATE, readRequestForm, requestTitle } from './request-mail.ts';

export interface RequestMail {
  tenantId: string;
  inboundEmailId: string;
  fromAddress: string;
  subject: string;
  text: string;
}

/** What became of the mail, for the received-mail log: the request raised, or why not. */
export interface RequestMailResult {
  changeRequestId: string | null;
  detail: string;
}

const sameName = (a: string, b: string | null) => a.trim().toLowerCase() === b?.trim().toLowerCase();

/** The person acting: their vendor, and a scope that sees the clients it is engaged at. */
function vendorActor(
  tenantId: string,
  person: { identityId: string; membershipId: string; vendorId: string },
  engagements: readonly { clientId: string }[],
  inboundEmailId: string,
): Actor {
  return {
    scope: {
      tenantId,
      identityId: person.identityId,
      membershipId: person.membershipId,
      role: 'vendor',
      clientIds: [...new Set(engagements.map((e) => e.clientId))],
      vendorId: person.vendorId,
    },
    requestId: `mail:${inboundEmailId}`,
    ip: null,
    userAgent: 'mail',
  };
}

function receivedText(request: ChangeRequest, portalUrl: (path: string) => string | null): string {
  const link = portalUrl(`/vendor/requests/${request.id}`);
  const start = `${request.windowStart.slice(0, 16).replace('T', ' ')} UTC`;
  return [
    `We received CR-${request.number}, "${request.title}", at ${request.clientName}, for ${start}.`,
    link
      ? `It waits for our decision, which you can follow in the vendor portal: ${link}`
      : 'It waits for our decision, which you can follow in the vendor portal.',
  ].join('\n');
}

function refusalText(problems: readonly string[]): string {
  return [
    'We could not take your change request:',
    ...problems.map((problem) => `- ${problem}`),
    '',
    'Send it again with the form filled in:',
    '',
    REQUEST_FORM_TEMPLATE,
  ].join('\n');
}

export function createRequestMail(deps: {
  changeRequests: ChangeRequestService;
  mail: Pick<MailService, 'enqueue'>;
  publicUrl?: string;
}) {
  const { changeRequests, mail, publicUrl } = deps;
  const portalUrl = (path: string) => (publicUrl ? `${new URL(publicUrl).origin}${path}` : null);

  return {
    /** Null when the mail is no change request from a vendor's person: the receiver routes it as usual. */
    async take(tx: Transaction, message: RequestMail): Promise<RequestMailResult | null> {
      const title = requestTitle(message.subject);
      if (title === null) return null;
      const { tenantId } = message;
      const person = await repo.vendorPersonByEmail(tx, tenantId, message.fromAddress);
      if (!person) return null;

      const engagements = await repo.liveEngagements(tx, tenantId, person.vendorId);
      const reading = readRequestForm(message.text);
      const problems: string[] = title
        ? [...reading.problems]
        : ['Subject: say what you will do after "Change request:".', ...reading.problems];
      const { form } = reading;
      const client = engagements.find((e) => sameName(e.clientName, reading.clientName));
      if (reading.clientName && !client) {
        const names = [...new Set(engagements.map((e) => e.clientName))].join(', ') || 'none yet';
        problems.push(
          `Client: "${reading.clientName}" is not a client you work at for us (yours: ${names}).`,
        );
      }
      const assets = client ? await repo.currentAssets(tx, tenantId, client.clientId) : [];
      const named = reading.assetNames.map((name) => ({
        name,
        asset: assets.find((a) => sameName(a.name, name)),
      }));
      const unknown = named.filter((n) => !n.asset).map((n) => n.name);
      if (client && unknown.length > 0) {
        problems.push(`Assets: not found at ${client.clientName}: ${unknown.join(', ')}.`);
      }

      let request: ChangeRequest | null = null;
      if (form && client && problems.length === 0) {
        // The schema's own checks (the window's order and length), as the routes apply them.
        const parsed = changeRequestInputSchema.safeParse({
          clientId: client.clientId,
          vendorId: person.vendorId,
          assetIds: named.map((n) => n.asset!.id),
          title: title.slice(0, 200),
          description: form.description,
          risk: form.risk,
          backOutPlan: form.backOutPlan,
          windowStart: form.windowStart,
          windowEnd: form.windowEnd,
          emergency: form.emergency,
        });
        if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => `${issue.message}.`));
        else {
          try {
            // A savepoint: a refusal leaves the mail's own record to commit.
            const actor = vendorActor(tenantId, person, engagements, message.inboundEmailId);
            request = await tx.transaction((sp) => changeRequests.createIn(sp, actor, parsed.data));
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            problems.push(error.message);
          }
        }
      }

      await mail.enqueue(tx, {
        tenantId,
        to: message.fromAddress,
        templateKey: 'change_request.mail_reply',
        data: {
          'recipient.name': person.name,
          'mail.subject': message.subject,
          'reply.text': request ? receivedText(request, portalUrl) : refusalText(problems),
        },
      });
      return request
        ? { changeRequestId: request.id, detail: `CR-${request.number} raised by ${person.name}` }
        : { changeRequestId: null, detail: `Refused: ${problems.join(' ')}`.slice(0, 2000) };
    },
  };
}

export type RequestMailService = ReturnType<typeof createRequestMail>;
