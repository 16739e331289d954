// The shipped email templates and the renderer: `{{placeholder}}` replaced by data, HTML-escaped in the
// HTML body, and subjects kept to one line so no value can add a header.
import { type TemplateKey, templatePlaceholders } from '../../../shared/api/mail.ts';

export interface TemplateText {
  subject: string;
  textBody: string;
  htmlBody: string | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string | null;
}

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

/** Ticket mails carry `[#<number>]` in the subject: inbound replies are matched by it. */
const ticketRef = '[#{{ticket.number}}]';

const ticketFooterText = `
Ticket: {{ticket.url}}

— {{organization.name}}
Reply to this email to add to the ticket; keep ${ticketRef} in the subject.`;

const html = (body: string) =>
  `<div style="font-family: system-ui, sans-serif; font-size: 14px; line-height: 1.5; color: #1f2328">
${body}
<p style="color: #656d76; font-size: 12px">— {{organization.name}} · Reply to this email to add to the ticket; keep ${ticketRef} in the subject.</p>
</div>`;

const ticketLink = '<p><a href="{{ticket.url}}">View ticket #{{ticket.number}}</a></p>';

export const defaultTemplates: Record<TemplateKey, TemplateText> = {
  'ticket.created': {
    subject: `${ticketRef} {{ticket.title}}`,
    textBody: `Hello {{recipient.name}},

A ticket was opened for {{client.name}}: "{{ticket.title}}" (priority {{ticket.priority}}, status {{ticket.status}}), by {{actor.name}}.
${ticketFooterText}`,
    htmlBody: html(`<p>Hello {{recipient.name}},</p>
<p>A ticket was opened for <strong>{{client.name}}</strong>: “{{ticket.title}}” (priority {{ticket.priority}}, status {{ticket.status}}), by {{actor.name}}.</p>
${ticketLink}`),
  },
  'ticket.public_reply': {
    subject: `Re: ${ticketRef} {{ticket.title}}`,
    textBody: `Hello {{recipient.name}},

{{actor.name}} replied:

{{reply.text}}
${ticketFooterText}`,
    htmlBody: html(`<p>Hello {{recipient.name}},</p>
<p>{{actor.name}} replied:</p>
<blockquote style="margin: 0 0 1em; padding-left: 1em; border-left: 3px solid #d0d7de; white-space: pre-wrap">{{reply.text}}</blockquote>
${ticketLink}`),
  },
  'ticket.vendor_reply': {
    subject: `${ticketRef} {{vendor.name}} replied: {{ticket.title}}`,
    textBody: `Hello {{recipient.name}},

{{vendor.name}} replied on the incident its changes at {{client.name}} opened:

{{reply.text}}

{{client.name}} sees the reply on the ticket.
${ticketFooterText}`,
    htmlBody: html(`<p>Hello {{recipient.name}},</p>
<p>{{vendor.name}} replied on the incident its changes at <strong>{{client.name}}</strong> opened:</p>
<blockquote style="margin: 0 0 1em; padding-left: 1em; border-left: 3px solid #d0d7de; white-space: pre-wrap">{{reply.text}}</blockquote>
<p>{{client.name}} sees the reply on the ticket.</p>
${ticketLink}`),
  },
  'ticket.status_changed': {
    subject: `${ticketRef} {{ticket.title}}: now {{status.to}}`,
    textBody: `Hello {{recipient.name}},

{{actor.name}} changed the status of "{{ticket.title}}" from {{status.from}} to {{status.to}}.
${ticketFooterText}`,
    htmlBody: html(`<p>Hello {{recipient.name}},</p>
<p>{{actor.name}} changed the status of “{{ticket.title}}” from <strong>{{status.from}}</strong> to <strong>{{status.to}}</strong>.</p>
${ticketLink}`),
  },
  'ticket.assigned': {
    subject: `${ticketRef} Assigned to you: {{ticket.title}}`,
    textBody: `Hello {{recipient.name}},

{{actor.name}} assigned you "{{ticket.title}}" for {{client.name}} (priority {{ticket.priority}}).
${ticketFooterText}`,
    htmlBody: html(`<p>Hello {{recipient.name}},</p>
<p>{{actor.name}} assigned you “{{ticket.title}}” for <strong>{{client.name}}</strong> (priority {{ticket.priority}}).</p>
${ticketLink}`),
  },
  'sla.at_risk': {
    subject: `${ticketRef} SLA at risk: {{ticket.title}}`,
    textBody: `Hello {{recipient.name}},

"{{ticket.title}}" for {{client.name}} (priority {{ticket.priority}}) is due at {{due.at}} and close to missing its target.
${ticketFooterText}`,
    htmlBody: html(`<p>Hello {{recipient.name}},</p>
<p>“{{ticket.title}}” for <strong>{{client.name}}</strong> (priority {{ticket.priority}}) is due at <strong>{{due.at}}</strong> and close to missing its target.</p>
${ticketLink}`),
  },
  'sla.breached': {
    subject: `${ticketRef} SLA breached: {{ticket.title}}`,
    textBody: `Hello {{recipient.name}},

"{{ticket.title}}" for {{client.name}} (priority {{ticket.priority}}) missed its target, due at {{due.at}}.
${ticketFooterText}`,
    htmlBody: html(`<p>Hello {{recipient.name}},</p>
<p>“{{ticket.title}}” for <strong>{{client.name}}</strong> (priority {{ticket.priority}}) missed its target, due at <strong>{{due.at}}</strong>.</p>
${ticketLink}`),
  },
  'change_request.client_decided': {
    subject: '{{client.name}} {{change.decision}} CR-{{change.number}}: {{change.title}}',
    textBody: `Hello {{recipient.name}},

{{decider.name}} decided for {{client.name}} on CR-{{change.number}}, "{{change.title}}": {{change.outcome}}.

Change request: {{change.url}}

— {{organization.name}}`,
    htmlBody: `<div style="font-family: system-ui, sans-serif; font-size: 14px; line-height: 1.5; color: #1f2328">
<p>Hello {{recipient.name}},</p>
<p>{{decider.name}} decided for <strong>{{client.name}}</strong> on CR-{{change.number}}, “{{change.title}}”: {{change.outcome}}.</p>
<p><a href="{{change.url}}">View CR-{{change.number}}</a></p>
<p style="color: #656d76; font-size: 12px">— {{organization.name}}</p>
</div>`,
  },
  'loa.expiring': {
    subject: 'Letter of Agency for {{vendor.name}} ({{vendor.product}}) at {{client.name}} {{loa.status}}',
    textBody: `Hello {{recipient.name}},

The Letter of Agency that lets {{organization.name}} act for {{client.name}} with {{vendor.name}} ({{vendor.product}}) {{loa.status}}. Ask the client to sign a new one.

Vendor: {{vendor.url}}

— {{organization.name}}`,
    htmlBody: `<div style="font-family: system-ui, sans-serif; font-size: 14px; line-height: 1.5; color: #1f2328">
<p>Hello {{recipient.name}},</p>
<p>The Letter of Agency that lets {{organization.name}} act for <strong>{{client.name}}</strong> with {{vendor.name}} ({{vendor.product}}) {{loa.status}}. Ask the client to sign a new one.</p>
<p><a href="{{vendor.url}}">View {{vendor.name}}</a></p>
<p style="color: #656d76; font-size: 12px">— {{organization.name}}</p>
</div>`,
  },
  'change_request.vendor_requested': {
    subject: '{{vendor.name}} asks for CR-{{change.number}} at {{client.name}}: {{change.title}}',
    textBody: `Hello {{recipient.name}},

{{requester.name}} of {{vendor.name}} raised CR-{{change.number}}, "{{change.title}}", at {{client.name}}. Window: {{change.window}}.

It waits for your decision: {{change.url}}

— {{organization.name}}`,
    htmlBody: `<div style="font-family: system-ui, sans-serif; font-size: 14px; line-height: 1.5; color: #1f2328">
<p>Hello {{recipient.name}},</p>
<p>{{requester.name}} of {{vendor.name}} raised CR-{{change.number}}, “{{change.title}}”, at <strong>{{client.name}}</strong>. Window: {{change.window}}.</p>
<p><a href="{{change.url}}">Decide on CR-{{change.number}}</a></p>
<p style="color: #656d76; font-size: 12px">— {{organization.name}}</p>
</div>`,
  },
  'change_request.mail_reply': {
    subject: 'Re: {{mail.subject}}',
    textBody: `Hello {{recipient.name}},

{{reply.text}}

— {{organization.name}}`,
    htmlBody: `<div style="font-family: system-ui, sans-serif; font-size: 14px; line-height: 1.5; color: #1f2328">
<p>Hello {{recipient.name}},</p>
<pre style="font-family: inherit; white-space: pre-wrap">{{reply.text}}</pre>
<p style="color: #656d76; font-size: 12px">— {{organization.name}}</p>
</div>`,
  },
  'vendor_user.invited': {
    subject: '{{organization.name}} invites you to its vendor portal',
    textBody: `Hello {{recipient.name}},

{{organization.name}} has given you access to its vendor portal for {{vendor.name}}. There you see your engagements, the rules of engagement to acknowledge, your change requests, and any changes attributed to {{vendor.name}}.

{{invitation.instructions}}
{{invitation.url}}

— {{organization.name}}`,
    htmlBody: `<div style="font-family: system-ui, sans-serif; font-size: 14px; line-height: 1.5; color: #1f2328">
<p>Hello {{recipient.name}},</p>
<p><strong>{{organization.name}}</strong> has given you access to its vendor portal for {{vendor.name}}. There you see your engagements, the rules of engagement to acknowledge, your change requests, and any changes attributed to {{vendor.name}}.</p>
<p>{{invitation.instructions}}<br><a href="{{invitation.url}}">{{invitation.url}}</a></p>
<p style="color: #656d76; font-size: 12px">— {{organization.name}}</p>
</div>`,
  },
  'remediation.reminder': {
    subject: 'Remediation plan at {{client.name}}: {{plan.title}}',
    textBody: `Hello {{recipient.name}},

{{plan.update}}

Plan: {{plan.url}}

— {{organization.name}}`,
    htmlBody: `<div style="font-family: system-ui, sans-serif; font-size: 14px; line-height: 1.5; color: #1f2328">
<p>Hello {{recipient.name}},</p>
<p>{{plan.update}}</p>
<p><a href="{{plan.url}}">View the plan</a></p>
<p style="color: #656d76; font-size: 12px">— {{organization.name}}</p>
</div>`,
  },
  'client_user.invited': {
    subject: '{{organization.name}} invites you to its client portal',
    textBody: `Hello {{recipient.name}},

{{organization.name}} has given you access to its client portal for {{client.name}}. There you raise and follow tickets, read your agreements and their SLA statements, see your invoices, and approve vendors' changes.

{{invitation.instructions}}
{{invitation.url}}

— {{organization.name}}`,
    htmlBody: `<div style="font-family: system-ui, sans-serif; font-size: 14px; line-height: 1.5; color: #1f2328">
<p>Hello {{recipient.name}},</p>
<p><strong>{{organization.name}}</strong> has given you access to its client portal for {{client.name}}. There you raise and follow tickets, read your agreements and their SLA statements, see your invoices, and approve vendors' changes.</p>
<p>{{invitation.instructions}}<br><a href="{{invitation.url}}">{{invitation.url}}</a></p>
<p style="color: #656d76; font-size: 12px">— {{organization.name}}</p>
</div>`,
  },
  'mail.test': {
    subject: 'Test mail from {{organization.name}}',
    textBody: `Hello {{recipient.name}},

This is a test mail sent by {{actor.name}} from Accord's mail settings. Mail from {{organization.name}} goes out.`,
    htmlBody: `<div style="font-family: system-ui, sans-serif; font-size: 14px; line-height: 1.5">
<p>Hello {{recipient.name}},</p>
<p>This is a test mail sent by {{actor.name}} from Accord's mail settings. Mail from <strong>{{organization.name}}</strong> goes out.</p>
</div>`,
  },
};

/** Values the preview fills in. */
export const sampleData: Record<string, string> = {
  'organization.name': 'Northwind IT',
  'recipient.name': 'Carol Client',
  'ticket.number': '1042',
  'ticket.title': 'Printer on floor 2 is offline',
  'ticket.url': 'https://accord.example.com/tickets/1042',
  'ticket.status': 'open',
  'ticket.priority': 'P2',
  'client.name': 'Contoso Ltd',
  'actor.name': 'Tom Technician',
  'reply.text': 'We restarted the print spooler; please try again & tell us if it works.',
  'status.from': 'new',
  'status.to': 'in progress',
  'due.at': '2026-03-02 14:00 UTC',
  'vendor.name': 'Henry Schein One',
  'vendor.product': 'Dentrix',
  'vendor.url': 'https://accord.example.com/vendors/4b1d7e0a-2f3c-4e5d-8a9b-0c1d2e3f4a5b',
  'loa.expires_on': '30 November 2026',
  'loa.status': 'expires in 7 days (on 30 November 2026)',
  'change.number': '12',
  'change.title': 'Upgrade Dentrix G7 to 24.2',
  'change.url': 'https://accord.example.com/changes/4b1d7e0a-2f3c-4e5d-8a9b-0c1d2e3f4a5c',
  'change.window': '2026-11-30 22:00 UTC – 2026-12-01 01:00 UTC',
  'change.decision': 'approved',
  'change.outcome': 'approved, and the change is approved',
  'decider.name': 'Dr. Ana Ruiz',
  'requester.name': 'Mark Ellison',
  'mail.subject': 'Change request: Upgrade Dentrix G7 to 24.2',
  'invitation.url': 'https://accord.example.com/invitation/xJ3v9QeR2mTn8LpW5sYk7bHc',
  'invitation.instructions': 'Choose your password here (the link works once, until 2026-12-07):',
};

/** Every placeholder the template's parts use, once each. */
export function placeholdersIn(template: TemplateText): string[] {
  const found = new Set<string>();
  for (const part of [template.subject, template.textBody, template.htmlBody ?? '']) {
    for (const match of part.matchAll(PLACEHOLDER)) found.add(match[1]!);
  }
  return [...found];
}

/** Placeholders the template uses that its key does not offer. */
export function unknownPlaceholders(key: TemplateKey, template: TemplateText): string[] {
  const allowed = new Set(templatePlaceholders[key]);
  return placeholdersIn(template).filter((name) => !allowed.has(name));
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Fills the placeholders; a value the data lacks renders empty. */
export function renderTemplate(template: TemplateText, data: Record<string, string>): RenderedMail {
  const fill = (text: string, encode: (value: string) => string) =>
    text.replace(PLACEHOLDER, (_, name: string) => encode(data[name] ?? ''));
  const subject = fill(template.subject, (value) => value)
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return {
    subject,
    text: fill(template.textBody, (value) => value),
    html: template.htmlBody === null ? null : fill(template.htmlBody, escapeHtml),
  };
}
