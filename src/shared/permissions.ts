// The names of staff permissions, shared by the server (which maps roles to them) and the web app (which
// hides what a user may not do).
export const permissions = [
  'clients.read',
  'clients.manage',
  'calendars.read',
  'calendars.manage',
  'users.read',
  'users.manage',
  'tickets.read',
  'tickets.work',
  'tickets.import',
  /** Work types and the help desk's settings (reopen window). */
  'tickets.settings',
  /** Edit or delete anyone's time entries; everyone who works tickets edits their own. */
  'time.manage',
  /** Read the audit log and check its hash chain. */
  'audit.read',
  /** Sign-in rules: MFA enforcement, single sign-on providers; the security event log. */
  'security.manage',
  /** The organization's outgoing mail: SMTP server, templates, the log of what was sent. */
  'mail.manage',
  /** Place received mail that found no ticket or client by itself (the triage list). */
  'mail.triage',
  /** See the service catalog and tax codes (every staff role: technicians pick items when logging time). */
  'billing.read',
  /** Change the service catalog and tax codes, agreements, invoices (run, finalize, void) and billing settings. */
  'billing.manage',
  /** See invoices, their exports and profitability: what clients pay and what the work costs. */
  'invoices.read',
  /** See clients' assets: inventory, changes, agents' last check-in. */
  'assets.read',
  /** Add, change and archive assets by hand. */
  'assets.manage',
  /** Create and revoke enrollment tokens, revoke agents' credentials. */
  'agents.manage',
  /** See vendors, their engagements and accounts, change requests and vendor scorecards. */
  'vendors.read',
  /** Add and change vendors, engagements, vendor accounts and the routine actors list. */
  'vendors.manage',
  /** Raise change requests and mark one's own started or completed. */
  'changes.request',
  /** Approve or reject change requests; re-judge a detected change's outcome. */
  'changes.approve',
  /** Explain SLA breaches to the client and close a month's SLA statements. */
  'sla.manage',
  /** File, answer and decide remediation plans, and tick their handover checklist. */
  'remediation.manage',
] as const;
export type Permission = (typeof permissions)[number];
