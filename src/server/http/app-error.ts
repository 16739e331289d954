// The one error type: services throw AppError with a code from this closed list; the handler maps it.
const statusByCode = {
  'request.invalid': 400,
  'request.malformed_json': 400,
  /** The upload route's body is not multipart/form-data it can read. */
  'request.malformed_form': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  /** Too many unauthenticated requests from one IP (http/rate-limit.ts); Retry-After says when. */
  'request.rate_limited': 429,
  'auth.unauthenticated': 401,
  'auth.invalid_credentials': 401,
  'auth.no_membership': 403,
  'auth.forbidden': 403,
  'auth.csrf_failed': 403,
  /** An API token made with scope 'read' used for anything but GET or HEAD. */
  'auth.token_read_only': 403,
  /** Too many failed sign-ins; details carry retryAfterSeconds, also sent as Retry-After. */
  'auth.throttled': 429,
  /** A session waiting on MFA (verify or enroll) asked for anything but the MFA routes. */
  'auth.mfa_required': 403,
  /** A password asked for again (to change it, to turn MFA off) was wrong. */
  'auth.wrong_password': 422,
  'mfa.invalid_code': 422,
  'mfa.already_enabled': 409,
  'mfa.not_set_up': 409,
  'mfa.not_pending': 409,
  'mfa.required_by_organization': 409,
  'sso_provider.not_found': 404,
  /** No enabled single sign-on provider for the email's domain. */
  'sso.no_provider': 404,
  /** An email domain already belongs to another enabled provider (on this install). */
  'sso.domain_taken': 409,
  /** The provider's answer could not be accepted (state, code, ID token, unknown person). */
  'sso.failed': 401,
  /** The provider's discovery document could not be fetched when starting a sign-in. */
  'sso.provider_unreachable': 502,
  not_found: 404,
  'route.not_found': 404,
  'setup.already_done': 404,
  'client.not_found': 404,
  'site.not_found': 404,
  'contact.not_found': 404,
  'asset.not_found': 404,
  'calendar.not_found': 404,
  'calendar.no_business_time': 422,
  'sla_policy.not_found': 404,
  'user.not_found': 404,
  'user.email_taken': 409,
  'user.last_owner': 409,
  /** The identity also belongs to another organization; an admin here may not reset what it shares. */
  'user.shared_identity': 409,
  /** An invitation link used, expired, unknown, or for someone who has a password by now. */
  'invitation.not_found': 404,
  /** A new invitation asked for someone who has set a password already. */
  'invitation.not_needed': 409,
  'vendor_user.not_found': 404,
  'vendor_user.inactive': 409,
  /** A vendor portal route asked by someone who is not a vendor's person, or the other way round. */
  'portal.vendor_only': 403,
  /** A client portal route asked by someone who is not a client's person. */
  'portal.client_only': 403,
  /** A client portal route for the company's admin, asked by one of its users. */
  'portal.client_admin_only': 403,
  'remediation.not_found': 404,
  'remediation.item_not_found': 404,
  /** The plan's direction gives this step to the other side (who raises, answers or decides). */
  'remediation.not_your_side': 409,
  'remediation.decided': 409,
  'remediation.responded': 409,
  /** Neither the time box has ended, nor the notices reached the limit, nor every item is done. */
  'remediation.decision_not_due': 409,
  'remediation.no_handover': 409,
  /** Only a plan about a vendor takes the MSP's recommendation. */
  'remediation.no_recommendation': 409,
  'client_user.not_found': 404,
  /** The contact has no email to sign in with. */
  'client_user.contact_email_required': 422,
  'client_user.inactive': 409,
  /** The contact signs in to the client portal already. */
  'client_user.exists': 409,
  'api_token.not_found': 404,
  'session.not_found': 404,
  'tenant.not_found': 404,
  'ticket.not_found': 404,
  'ticket.assignee_out_of_scope': 422,
  /** A bulk action where some tickets cannot change; details name each one, nothing changed. */
  'ticket.bulk_failed': 422,
  'ticket_view.not_found': 404,
  'time_entry.not_found': 404,
  'work_type.not_found': 404,
  'work_type.name_taken': 409,
  'work_type.archived': 422,
  'notification.not_found': 404,
  /** Mail cannot go out until the organization has set up its SMTP server. */
  'mail.not_configured': 409,
  /** The SMTP server refused or could not be reached (the test mail); details say what it answered. */
  'mail.send_failed': 502,
  'email_template.not_found': 404,
  /** A template uses a placeholder that does not exist, or is otherwise unusable; details name it. */
  'email_template.invalid': 422,
  'outbound_email.not_found': 404,
  'mailbox.not_found': 404,
  /** Another mailbox on this install already receives at that address. */
  'mailbox.address_taken': 409,
  /** The IMAP server refused or could not be reached (test, poll now); details say what it answered. */
  'mailbox.check_failed': 502,
  'inbound_email.not_found': 404,
  /** A triage action on a mail that is not (or no longer) waiting in triage. */
  'inbound_email.not_in_triage': 409,
  'attachment.not_found': 404,
  'tax_code.not_found': 404,
  'tax_code.name_taken': 409,
  /** The default tax code cannot be archived, nor an archived one made the default. */
  'tax_code.default_archived': 422,
  'catalog_item.not_found': 404,
  'catalog_item.name_taken': 409,
  'agreement.not_found': 404,
  /** Tickets, time or another agreement's fallback point at it: end it instead of deleting it. */
  'agreement.in_use': 409,
  'work_role.not_found': 404,
  'work_role.name_taken': 409,
  'work_role.archived': 422,
  /** The time is on a finalized invoice: void the invoice before changing it. */
  'time_entry.invoiced': 409,
  'invoice.not_found': 404,
  /** Only a draft can be rebuilt, approved, finalized or deleted. */
  'invoice.not_draft': 409,
  'invoice.not_finalized': 409,
  /** Counts changed since billing approved them; approve them before finalizing. */
  'invoice.counts_pending': 409,
  /** A count moved again after the reviewer saw it; details name the lines. */
  'invoice.count_moved': 409,
  /** Time changed since the draft was built: rebuild it and review again. */
  'invoice.stale': 409,
  /** The client has an earlier draft: invoices are finalized in month order. */
  'invoice.earlier_draft': 409,
  'cost_rate.not_found': 404,
  /** The member already has a cost rate from that date: delete it to change it. */
  'cost_rate.date_taken': 409,
  /** Billable time on the draft has no rate to bill at: price it (agreement or override) and rebuild. */
  'invoice.unpriced': 409,
  /** Credit notes point at the invoice: it stays, and further corrections are credited. */
  'invoice.credited': 409,
  'credit_note.not_found': 404,
  /** More than is left to credit of a line (or of the invoice); details say what is left. */
  'credit_note.exceeds_invoice': 422,
  'enrollment_token.not_found': 404,
  'agent.not_found': 404,
  /** One answer for unknown, expired, used-up and revoked enrollment tokens, so they cannot be probed. */
  'agent.enrollment_refused': 401,
  /** An /agent/v1 call without a valid agent credential (missing, unknown or revoked). */
  'agent.unauthorized': 401,
  /** An agent sent more reports or beats in a minute than its budget (Retry-After says when). */
  'agent.rate_limited': 429,
  /** An inventory report without an Idempotency-Key header. */
  'agent.idempotency_key_required': 400,
  /** No agent has reported an inventory for the asset yet. */
  'inventory.not_found': 404,
  'asset_change.not_found': 404,
  /** Disk health and backup status changes are nobody's doing: they have no outcome to re-judge. */
  'asset_change.not_judgeable': 409,
  'change_request.not_found': 404,
  /** The action cannot follow the request's status (approve a completed one); details say which. */
  'change_request.invalid_transition': 409,
  /** A (non-emergency) request whose window has ended can no longer be approved. */
  'change_request.window_passed': 409,
  /** The MSP approved already; the request waits for the client's approval. */
  'change_request.awaiting_client': 409,
  /** The client's agreement does not ask it to approve this request (or it is not a vendor's). */
  'change_request.client_approval_not_needed': 409,
  /** A client's approval link that is unknown, used or expired, or whose request was decided (all read alike). */
  'approval_link.not_found': 404,
  /** A vendor's reply link that is unknown, used or expired (all read alike). */
  'vendor_reply_link.not_found': 404,
  /** Only a vendor's incident (a ticket with a vendor) takes a vendor's reply. */
  'ticket.not_vendor_incident': 409,
  'vendor.not_found': 404,
  'vendor.name_taken': 409,
  /** An archived vendor takes no new engagements: restore it first. */
  'vendor.archived': 422,
  'engagement.not_found': 404,
  /** The vendor is already engaged at the client for that product. */
  'engagement.duplicate': 409,
  'vendor_account.not_found': 404,
  /** The engagement already has an account of that kind with that identifier (regardless of case). */
  'vendor_account.duplicate': 409,
  'routine_actor.not_found': 404,
  'routine_actor.duplicate': 409,
  /** An archived engagement takes no new letters or links: restore it first. */
  'engagement.archived': 422,
  /** The MSP has published no rules of engagement, so there is nothing to send or acknowledge. */
  'engagement_rules.none': 409,
  /** Publishing the text already in force would make a version that changes nothing. */
  'engagement_rules.unchanged': 409,
  /** A vendor's link that is unknown, used or expired (all read alike). */
  'acknowledgement_link.not_found': 404,
  'loa.not_found': 404,
  /** The letter's status does not allow the step (sign a revoked letter); details say which. */
  'loa.invalid_transition': 409,
  /** The engagement already has a letter in draft or sent for signature. */
  'loa.pending_exists': 409,
  /** The signed copy is missing, too large, or not a PDF, PNG or JPEG. */
  'loa.file_invalid': 422,
  /** The vendor has not acknowledged the rules in force at this client. */
  'change_request.rules_not_acknowledged': 422,
  /** The client's agreement requires a signed, current Letter of Agency before the vendor works. */
  'change_request.loa_required': 422,
  'vendor_notice.not_found': 404,
  'coverage_hold.not_found': 404,
  /** The asset is already on a coverage hold: one at a time. */
  'coverage_hold.exists': 409,
  /** The hold was lifted already (by hand, or by its conditions). */
  'coverage_hold.lifted': 409,
  /** The notice was withdrawn already. */
  'vendor_notice.withdrawn': 409,
  /** A statement for a month before the agreement started, or one that has not begun. */
  'sla_statement.out_of_range': 422,
  /** The month has not ended in the statement's time zone, so it cannot be closed yet. */
  'sla_statement.month_running': 409,
  /** An earlier month is closed after this one's turn passed: statements close in order. */
  'sla_statement.closed_later': 409,
  /** The breach's month is closed: its explanation went out with the statement. */
  'sla_statement.closed': 409,
  /** Only a missed (or breached) clock takes an explanation. */
  'sla_statement.not_breached': 409,
  'service_credit.not_found': 404,
  'service_credit.disputed': 409,
  /** The dispute window has passed (or the credit is on an invoice): the credit stands. */
  'service_credit.dispute_closed': 409,
  conflict: 409,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof statusByCode;
export type ErrorStatus = (typeof statusByCode)[ErrorCode];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): ErrorStatus {
    return statusByCode[this.code];
  }
}

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
