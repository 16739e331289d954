// Inbound mail: mailboxes read over IMAP or received by the SMTP listener, tickets and replies by mail,
// and the triage list.
export { createInboundMailRoutes } from './inbound-mail.routes.ts';
export { createInboundMailService, type InboundMailService } from './inbound-mail.service.ts';
export { createReceiver, MAX_MESSAGE_BYTES, type Receiver } from './inbound-receive.ts';
export { createMailboxPoller, type MailboxPoller, type PollerDeps } from './mailbox-poller.ts';
export { createMailboxService, type MailboxService } from './mailboxes.service.ts';
export { type SmtpListener, type SmtpListenerOptions, startSmtpListener } from './smtp-listener.ts';
