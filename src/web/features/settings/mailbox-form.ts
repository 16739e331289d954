// The mailbox form's state and what it sends: defaults from a saved mailbox, the request body (the secret
// only when typed), and the problems the browser can name before asking the server.
import type { MailboxKind } from '../../../shared/api/inbound-mail.ts';
import type { Priority } from '../../../shared/api/sla-policies.ts';
import type { Mailbox, MailboxInput } from '../inbound-mail/inbound-mail-api.ts';
import { type OAuthForm, oauthFormFrom, oauthSecretFrom } from './oauth-fields.tsx';

export type Imap = NonNullable<MailboxInput['imap']>;
export type Security = Imap['security'];
export type Auth = Imap['auth'];

export interface MailboxForm extends OAuthForm {
  name: string;
  address: string;
  kind: MailboxKind;
  host: string;
  port: number | string;
  security: Security;
  auth: Auth;
  user: string;
  password: string;
  folder: string;
  processedFolder: string;
  boardId: string | null;
  defaultPriority: Priority;
  isEnabled: boolean;
}

export const defaultPorts: Record<Security, number> = { tls: 993, starttls: 143, none: 143 };

export function formFrom(mailbox: Mailbox | undefined): MailboxForm {
  const imap = mailbox?.imap;
  return {
    name: mailbox?.name ?? '',
    address: mailbox?.address ?? '',
    kind: mailbox?.kind ?? 'imap',
    host: imap?.host ?? '',
    port: imap?.port ?? 993,
    security: imap?.security ?? 'tls',
    auth: imap?.auth ?? 'password',
    user: imap?.user ?? '',
    password: '',
    ...oauthFormFrom(imap?.oauth),
    folder: imap?.folder ?? 'INBOX',
    processedFolder: imap?.processedFolder ?? '',
    boardId: mailbox?.boardId ?? null,
    defaultPriority: mailbox?.defaultPriority ?? 'P3',
    isEnabled: mailbox?.isEnabled ?? true,
  };
}

/** The secret only when something was typed into it: omitted on an update keeps the stored one. */
function secretFrom(form: MailboxForm): Imap['secret'] {
  if (form.auth === 'password') {
    return form.password ? { kind: 'password', password: form.password } : undefined;
  }
  return oauthSecretFrom(form);
}

export function inputFrom(form: MailboxForm): MailboxInput {
  const secret = secretFrom(form);
  return {
    name: form.name.trim(),
    address: form.address.trim(),
    kind: form.kind,
    imap:
      form.kind === 'imap'
        ? {
            host: form.host.trim(),
            port: Number(form.port),
            security: form.security,
            auth: form.auth,
            user: form.user.trim(),
            ...(secret ? { secret } : {}),
            folder: form.folder.trim() || 'INBOX',
            processedFolder: form.processedFolder.trim() || null,
          }
        : null,
    boardId: form.boardId,
    defaultPriority: form.defaultPriority,
    isEnabled: form.isEnabled,
  };
}

/** Problems the browser can name before asking the server. */
export function checkForm(form: MailboxForm, mailbox: Mailbox | undefined): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!form.name.trim()) problems.name = 'Enter a name, such as Help desk';
  if (!form.address.trim()) problems.address = 'Enter the address clients write to';
  if (form.kind !== 'imap') return problems;
  if (!form.host.trim()) problems['imap.host'] = 'Enter the IMAP server, such as outlook.office365.com';
  if (!form.user.trim()) problems['imap.user'] = 'Enter the user name, usually the mailbox address';
  const hasStored = mailbox?.imap?.hasSecret && mailbox.imap.auth === form.auth;
  if (form.auth === 'password') {
    if (!hasStored && !form.password) problems['imap.secret.password'] = 'Enter the password';
    return problems;
  }
  const oauth = mailbox?.imap?.oauth;
  // The client ID, token URL and scope travel inside the stored secret: changing them needs the secrets again.
  const isAppChanged =
    !oauth ||
    oauth.clientId !== form.clientId.trim() ||
    oauth.tokenUrl !== form.tokenUrl.trim() ||
    (oauth.scope ?? '') !== form.scope.trim();
  if (!hasStored || isAppChanged || form.clientSecret || form.refreshToken) {
    if (!form.clientId.trim()) problems['imap.secret.clientId'] = 'Enter the client ID';
    if (!form.clientSecret) problems['imap.secret.clientSecret'] = 'Enter the client secret';
    if (!form.refreshToken) problems['imap.secret.refreshToken'] = 'Enter the refresh token';
    if (!form.tokenUrl.trim()) problems['imap.secret.tokenUrl'] = 'Enter the token URL';
  }
  return problems;
}
