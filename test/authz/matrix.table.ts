// The expected authorization decision for every API route and role. A new route fails the matrix test
// until it has a row here. Decisions:
//   allow           — answered (2xx, or a 4xx about the request such as 400/409/422), never 401/403/404,
//                     for the tenant's own objects and any client's; another tenant's or a missing one is 404
//   scoped          — like allow on Alpha (the technician's client) and the actor's own things; Beta's
//                     objects, and another member's private things, are 404 like a missing one
//   own             — like allow on the actor's own object; another member's object it can see is 403
//                     (it may look, not change); another tenant's or a missing one is 404
//   forbidden       — 403, whatever the object
//   unauthenticated — 401
//   public          — no sign-in needed: never 401/403
import type { Role } from './fixtures.ts';

export type Decision = 'allow' | 'scoped' | 'own' | 'forbidden' | 'unauthenticated' | 'public';
export type Row = Record<Role, Decision>;

const A = 'allow';
const S = 'scoped';
const O = 'own';
const F = 'forbidden';
const U = 'unauthenticated';
const P = 'public';

/**
 * A vendor's person is refused every staff route unless the row says otherwise: public routes stay
 * public to them, and the routes about one's own account are theirs as well. A client's person is
 * answered as the vendor's, except on the two portals.
 */
function row(
  owner: Decision,
  admin: Decision,
  dispatcher: Decision,
  technician: Decision,
  billing: Decision,
  anonymous: Decision,
  vendor: Decision = anonymous === P ? P : F,
  client: Decision = vendor,
): Row {
  return { owner, admin, dispatcher, technician, billing, anonymous, vendor, client };
}

/** The vendor portal's routes: for the vendor's person only, on its own vendor's things. */
const portal = (vendor: Decision) => row(F, F, F, F, F, U, vendor, F);

/** The client portal's routes: for the client's person only, on their own company's things. */
const clientPortal = (client: Decision) => row(F, F, F, F, F, U, F, client);

// Columns: owner, admin, dispatcher, technician (scoped to Alpha), billing, anonymous, vendor (Alpha's),
// client (Alpha's company admin).
export const matrix: Record<string, Row> = {
  // Outside the versioned API but under /api: the docs page and the document it reads.
  'GET /api/docs': row(P, P, P, P, P, P),
  'GET /api/v1/openapi.json': row(P, P, P, P, P, P),

  // Setup answers 404 once done; login is how anyone starts.
  'GET /api/v1/setup': row(P, P, P, P, P, P),
  'POST /api/v1/setup': row(P, P, P, P, P, P),
  'POST /api/v1/auth/login': row(P, P, P, P, P, P),
  // Single sign-on: the start answers the provider's URL for an email, the callback is the provider's
  // redirect back (always a 302).
  'POST /api/v1/auth/sso/start': row(P, P, P, P, P, P),
  'GET /api/v1/auth/sso/callback': row(P, P, P, P, P, P),
  'POST /api/v1/auth/logout': row(A, A, A, A, A, U, A),
  'GET /api/v1/auth/session': row(A, A, A, A, A, U, A),
  'POST /api/v1/auth/select-tenant': row(A, A, A, A, A, U, A),
  // Your own sessions only: another member's session is 404, like a missing one.
  'GET /api/v1/auth/sessions': row(A, A, A, A, A, U, A),
  'DELETE /api/v1/auth/sessions': row(A, A, A, A, A, U, A),
  'DELETE /api/v1/auth/sessions/{id}': row(S, S, S, S, S, U, S),
  // Your own second factor and password. The fixture's owner has an authenticator; the calls send wrong
  // codes and passwords, so they answer 409/422 and change nothing.
  'GET /api/v1/auth/mfa': row(A, A, A, A, A, U, A),
  'POST /api/v1/auth/mfa/totp/setup': row(A, A, A, A, A, U, A),
  'POST /api/v1/auth/mfa/totp/confirm': row(A, A, A, A, A, U, A),
  'POST /api/v1/auth/mfa/verify': row(A, A, A, A, A, U, A),
  'POST /api/v1/auth/mfa/recovery-codes': row(A, A, A, A, A, U, A),
  'POST /api/v1/auth/mfa/disable': row(A, A, A, A, A, U, A),
  'POST /api/v1/auth/password': row(A, A, A, A, A, U, A),
  'GET /api/v1/settings/security': row(A, A, F, F, F, U),
  'PATCH /api/v1/settings/security': row(A, A, F, F, F, U),
  'GET /api/v1/api-tokens': row(A, A, A, A, A, U, A),
  'POST /api/v1/api-tokens': row(A, A, A, A, A, U, A),
  // Only your own tokens: another member's is 404.
  'DELETE /api/v1/api-tokens/{id}': row(S, S, S, S, S, U, S),

  'GET /api/v1/users': row(A, A, A, F, F, U),
  'POST /api/v1/users': row(A, A, F, F, F, U),
  'GET /api/v1/users/{id}': row(A, A, A, F, F, U),
  'PATCH /api/v1/users/{id}': row(A, A, F, F, F, U),
  'GET /api/v1/users/{id}/sessions': row(A, A, F, F, F, U),
  'DELETE /api/v1/users/{id}/sessions': row(A, A, F, F, F, U),
  'DELETE /api/v1/users/{id}/mfa': row(A, A, F, F, F, U),

  'GET /api/v1/clients': row(A, A, A, S, A, U),
  'POST /api/v1/clients': row(A, A, A, F, A, U),
  'GET /api/v1/clients/{id}': row(A, A, A, S, A, U),
  'PATCH /api/v1/clients/{id}': row(A, A, A, F, A, U),
  'GET /api/v1/clients/{id}/sites': row(A, A, A, S, A, U),
  'POST /api/v1/clients/{id}/sites': row(A, A, A, F, A, U),
  'PATCH /api/v1/sites/{id}': row(A, A, A, F, A, U),
  'DELETE /api/v1/sites/{id}': row(A, A, A, F, A, U),
  'GET /api/v1/clients/{id}/contacts': row(A, A, A, S, A, U),
  'POST /api/v1/clients/{id}/contacts': row(A, A, A, F, A, U),
  'GET /api/v1/contacts/{id}': row(A, A, A, S, A, U),
  'PATCH /api/v1/contacts/{id}': row(A, A, A, F, A, U),
  'DELETE /api/v1/contacts/{id}': row(A, A, A, F, A, U),
  'GET /api/v1/clients/{id}/portal-users': row(A, A, A, S, A, U),
  'POST /api/v1/clients/{id}/portal-users': row(A, A, A, F, A, U),
  'PATCH /api/v1/client-users/{id}': row(A, A, A, F, A, U),
  'POST /api/v1/client-users/{id}/invitation': row(A, A, A, F, A, U),

  'GET /api/v1/portal': clientPortal(S),
  'GET /api/v1/portal/tickets': clientPortal(S),
  'POST /api/v1/portal/tickets': clientPortal(S),
  'GET /api/v1/portal/tickets/{id}': clientPortal(S),
  'POST /api/v1/portal/tickets/{id}/replies': clientPortal(S),
  'GET /api/v1/portal/agreements': clientPortal(S),
  'GET /api/v1/portal/agreements/{id}/sla-statements': clientPortal(S),
  'GET /api/v1/portal/agreements/{id}/sla-statements/{month}': clientPortal(S),
  'GET /api/v1/portal/agreements/{id}/sla-statements/{month}/pdf': clientPortal(S),
  'GET /api/v1/portal/invoices': clientPortal(S),
  'GET /api/v1/portal/invoices/{id}': clientPortal(S),
  'GET /api/v1/portal/invoices/{id}/pdf': clientPortal(S),
  'GET /api/v1/portal/change-requests': clientPortal(S),
  'POST /api/v1/portal/change-requests/{id}/decision': clientPortal(S),
  'GET /api/v1/portal/vendors': clientPortal(S),
  'GET /api/v1/portal/remediation-plans': clientPortal(S),
  'POST /api/v1/portal/remediation-plans': clientPortal(S),
  'GET /api/v1/portal/remediation-plans/{id}': clientPortal(S),
  'POST /api/v1/portal/remediation-plans/{id}/response': clientPortal(S),
  'PATCH /api/v1/portal/remediation-items/{id}': clientPortal(S),
  'POST /api/v1/portal/remediation-plans/{id}/decision': clientPortal(S),
  'GET /api/v1/portal/remediation-plans/{id}/letter.pdf': clientPortal(S),
  'GET /api/v1/portal/export': clientPortal(S),

  // Remediation plans: read with the client, filed, answered and decided by triage (remediation.manage).
  'GET /api/v1/remediation-plans': row(A, A, A, S, A, U),
  'POST /api/v1/remediation-plans': row(A, A, A, F, F, U),
  'GET /api/v1/remediation-plans/{id}': row(A, A, A, S, A, U),
  'POST /api/v1/remediation-plans/{id}/response': row(A, A, A, F, F, U),
  'PATCH /api/v1/remediation-items/{id}': row(A, A, A, F, F, U),
  'POST /api/v1/remediation-plans/{id}/recommendation': row(A, A, A, F, F, U),
  'POST /api/v1/remediation-plans/{id}/decision': row(A, A, A, F, F, U),
  'PUT /api/v1/remediation-plans/{id}/handover/{key}': row(A, A, A, F, F, U),
  'GET /api/v1/remediation-plans/{id}/letter.pdf': row(A, A, A, S, A, U),
  'GET /api/v1/clients/{id}/export': row(A, A, A, F, A, U),
  // Assets: every staff role reads those of the clients it sees; billing does not change them.
  // Enrollment tokens and agents' credentials: agents.manage (owner, admin). The agent API (/agent/v1)
  // is not staff's: agents.routes.test.ts proves its credential reaches nothing here.
  'GET /api/v1/enrollment-tokens': row(A, A, F, F, F, U),
  'POST /api/v1/enrollment-tokens': row(A, A, F, F, F, U),
  'POST /api/v1/enrollment-tokens/{id}/revoke': row(A, A, F, F, F, U),
  'GET /api/v1/agents': row(A, A, F, F, F, U),
  'POST /api/v1/agents/{id}/revoke': row(A, A, F, F, F, U),
  'GET /api/v1/assets': row(A, A, A, S, A, U),
  'POST /api/v1/assets': row(A, A, A, S, F, U),
  'GET /api/v1/assets/{id}': row(A, A, A, S, A, U),
  'PATCH /api/v1/assets/{id}': row(A, A, A, S, F, U),
  'GET /api/v1/assets/{id}/inventory': row(A, A, A, S, A, U),
  'GET /api/v1/assets/{id}/changes': row(A, A, A, S, A, U),
  'GET /api/v1/asset-changes': row(A, A, A, S, A, U),
  // Re-judging a change's outcome: changes.approve (owner, admin, dispatcher).
  'POST /api/v1/asset-changes/{id}/judge': row(A, A, A, F, F, U),
  'GET /api/v1/assets/{id}/tickets': row(A, A, A, S, A, U),
  'GET /api/v1/tickets/{id}/assets': row(A, A, A, S, A, U),
  'PUT /api/v1/tickets/{id}/assets': row(A, A, A, S, F, U),
  // Change requests: read with assets.read; raise, start, complete and cancel with changes.request;
  // approve, reject and the client's calendar feed with changes.approve.
  'GET /api/v1/change-requests': row(A, A, A, S, A, U),
  'POST /api/v1/change-requests': row(A, A, A, S, F, U),
  'GET /api/v1/change-requests/{id}': row(A, A, A, S, A, U),
  'POST /api/v1/change-requests/{id}/approve': row(A, A, A, F, F, U),
  'POST /api/v1/change-requests/{id}/reject': row(A, A, A, F, F, U),
  'POST /api/v1/change-requests/{id}/start': row(A, A, A, S, F, U),
  'POST /api/v1/change-requests/{id}/complete': row(A, A, A, S, F, U),
  'POST /api/v1/change-requests/{id}/cancel': row(A, A, A, S, F, U),
  'POST /api/v1/change-requests/{id}/client-decision': row(A, A, A, F, F, U),
  'POST /api/v1/change-requests/{id}/approval-links': row(A, A, A, F, F, U),
  'POST /api/v1/tickets/{id}/vendor-reply-links': row(A, A, A, F, F, U),
  'GET /api/v1/public/vendor-replies/{token}': row(P, P, P, P, P, P),
  'POST /api/v1/public/vendor-replies/{token}': row(P, P, P, P, P, P),
  'GET /api/v1/public/change-approvals/{token}': row(P, P, P, P, P, P),
  'POST /api/v1/public/change-approvals/{token}': row(P, P, P, P, P, P),
  'GET /api/v1/clients/{id}/change-calendar': row(A, A, A, S, A, U),
  'POST /api/v1/clients/{id}/change-calendar': row(A, A, A, F, F, U),
  'DELETE /api/v1/clients/{id}/change-calendar': row(A, A, A, F, F, U),

  // Vendors and routine actors belong to the organization; engagements and their accounts to a client.
  // Read with vendors.read, changed with vendors.manage.
  'GET /api/v1/vendors': row(A, A, A, A, A, U),
  'POST /api/v1/vendors': row(A, A, A, F, F, U),
  'GET /api/v1/vendors/{id}': row(A, A, A, A, A, U),
  // The vendor's people in the portal: staff who read vendors list them, those who manage vendors invite.
  'GET /api/v1/vendors/{id}/users': row(A, A, A, A, A, U),
  'POST /api/v1/vendors/{id}/users': row(A, A, A, F, F, U),
  'PATCH /api/v1/vendor-users/{id}': row(A, A, A, F, F, U),
  'POST /api/v1/vendor-users/{id}/invitation': row(A, A, A, F, F, U),
  'GET /api/v1/public/invitations/{token}': row(P, P, P, P, P, P),
  'POST /api/v1/public/invitations/{token}': row(P, P, P, P, P, P),
  // The vendor portal: staff are refused whatever their role; the vendor's person sees its own vendor's
  // things at Alpha, and Beta's (another vendor's) are 404 like missing ones.
  'GET /api/v1/vendor-portal': portal(S),
  'GET /api/v1/vendor-portal/engagements/{id}/rules': portal(S),
  'POST /api/v1/vendor-portal/engagements/{id}/acknowledgement': portal(S),
  'GET /api/v1/vendor-portal/loas/{id}/signed-copy': portal(S),
  'GET /api/v1/vendor-portal/assets': portal(S),
  'GET /api/v1/vendor-portal/change-requests': portal(S),
  'GET /api/v1/vendor-portal/change-requests/{id}': portal(S),
  'POST /api/v1/vendor-portal/change-requests': portal(S),
  'POST /api/v1/vendor-portal/change-requests/{id}/withdraw': portal(S),
  'GET /api/v1/vendor-portal/changes': portal(S),
  'GET /api/v1/vendor-portal/remediation-plans': portal(S),
  'GET /api/v1/vendor-portal/remediation-plans/{id}': portal(S),
  'POST /api/v1/vendor-portal/remediation-plans/{id}/response': portal(S),
  'PATCH /api/v1/vendor-portal/remediation-items/{id}': portal(S),
  'POST /api/v1/vendor-portal/incidents/{id}/reply': portal(S),
  'PATCH /api/v1/vendors/{id}': row(A, A, A, F, F, U),
  'GET /api/v1/vendors/{id}/engagements': row(A, A, A, A, A, U),
  'POST /api/v1/vendors/{id}/engagements': row(A, A, A, F, F, U),
  'GET /api/v1/engagements': row(A, A, A, S, A, U),
  'GET /api/v1/engagements/{id}': row(A, A, A, S, A, U),
  'PATCH /api/v1/engagements/{id}': row(A, A, A, F, F, U),
  'POST /api/v1/engagements/{id}/accounts': row(A, A, A, F, F, U),
  'DELETE /api/v1/vendor-accounts/{id}': row(A, A, A, F, F, U),
  // Letters of Agency, rules of engagement and vendor notices: read with vendors.read (a technician
  // only their clients'), changed with vendors.manage. Behind a vendor's link no sign-in is needed.
  'GET /api/v1/loas': row(A, A, A, S, A, U),
  'POST /api/v1/engagements/{id}/loas': row(A, A, A, F, F, U),
  'GET /api/v1/loas/{id}': row(A, A, A, S, A, U),
  'PATCH /api/v1/loas/{id}': row(A, A, A, F, F, U),
  'POST /api/v1/loas/{id}/send': row(A, A, A, F, F, U),
  'POST /api/v1/loas/{id}/signed': row(A, A, A, F, F, U),
  'POST /api/v1/loas/{id}/revoke': row(A, A, A, F, F, U),
  'GET /api/v1/loas/{id}/letter.pdf': row(A, A, A, S, A, U),
  'GET /api/v1/loas/{id}/signed-copy': row(A, A, A, S, A, U),
  'GET /api/v1/engagement-rules': row(A, A, A, A, A, U),
  'POST /api/v1/engagement-rules': row(A, A, A, F, F, U),
  'GET /api/v1/clients/{id}/engagement-rules': row(A, A, A, S, A, U),
  'POST /api/v1/clients/{id}/engagement-rules': row(A, A, A, F, F, U),
  'GET /api/v1/engagements/{id}/rules': row(A, A, A, S, A, U),
  'POST /api/v1/engagements/{id}/acknowledgements': row(A, A, A, F, F, U),
  'POST /api/v1/engagements/{id}/acknowledgement-links': row(A, A, A, F, F, U),
  'GET /api/v1/public/acknowledgements/{token}': row(P, P, P, P, P, P),
  'POST /api/v1/public/acknowledgements/{token}': row(P, P, P, P, P, P),
  'GET /api/v1/vendor-notices': row(A, A, A, S, A, U),
  'POST /api/v1/vendor-notices': row(A, A, A, F, F, U),
  'GET /api/v1/vendor-notices/{id}': row(A, A, A, S, A, U),
  'POST /api/v1/vendor-notices/{id}/withdraw': row(A, A, A, F, F, U),
  'GET /api/v1/vendor-notices/{id}/letter.pdf': row(A, A, A, S, A, U),
  // A technician's scorecard counts only their clients.
  'GET /api/v1/vendors/{id}/scorecard': row(A, A, A, A, A, U),
  'GET /api/v1/coverage-holds': row(A, A, A, S, A, U),
  'POST /api/v1/coverage-holds': row(A, A, A, F, F, U),
  'GET /api/v1/coverage-holds/{id}': row(A, A, A, S, A, U),
  'POST /api/v1/coverage-holds/{id}/lift': row(A, A, A, F, F, U),
  'GET /api/v1/coverage-holds/{id}/letter.pdf': row(A, A, A, S, A, U),
  'GET /api/v1/routine-actors': row(A, A, A, A, A, U),
  'POST /api/v1/routine-actors': row(A, A, A, F, F, U),
  'DELETE /api/v1/routine-actors/{id}': row(A, A, A, F, F, U),

  'GET /api/v1/calendars': row(A, A, A, A, A, U),
  'POST /api/v1/calendars': row(A, A, F, F, F, U),
  'GET /api/v1/calendars/{id}': row(A, A, A, A, A, U),
  'PUT /api/v1/calendars/{id}': row(A, A, F, F, F, U),
  'GET /api/v1/calendars/{id}/versions': row(A, A, A, A, A, U),
  'GET /api/v1/calendars/{id}/due': row(A, A, A, A, A, U),
  'GET /api/v1/calendars/{id}/business-minutes': row(A, A, A, A, A, U),
  'GET /api/v1/sla-policies': row(A, A, A, A, A, U),
  'POST /api/v1/sla-policies': row(A, A, F, F, F, U),
  'GET /api/v1/sla-policies/{id}': row(A, A, A, A, A, U),
  'PUT /api/v1/sla-policies/{id}': row(A, A, F, F, F, U),
  'GET /api/v1/sla-policies/{id}/versions': row(A, A, A, A, A, U),

  'GET /api/v1/boards': row(A, A, A, A, A, U),
  'GET /api/v1/tickets': row(A, A, A, S, A, U),
  'POST /api/v1/tickets': row(A, A, A, S, F, U),
  'POST /api/v1/tickets/import': row(A, A, F, F, F, U),
  'POST /api/v1/tickets/bulk': row(A, A, A, S, F, U),
  'GET /api/v1/tickets/{id}': row(A, A, A, S, A, U),
  'PATCH /api/v1/tickets/{id}': row(A, A, A, S, F, U),
  'POST /api/v1/tickets/{id}/replies': row(A, A, A, S, F, U),
  'POST /api/v1/tickets/{id}/notes': row(A, A, A, S, F, U),
  'POST /api/v1/tickets/{id}/calls': row(A, A, A, S, F, U),
  'POST /api/v1/tickets/{id}/assign': row(A, A, A, S, F, U),
  'POST /api/v1/tickets/{id}/status': row(A, A, A, S, F, U),
  'POST /api/v1/tickets/{id}/priority': row(A, A, A, S, F, U),

  'GET /api/v1/ticket-views': row(A, A, A, A, A, U),
  'POST /api/v1/ticket-views': row(A, A, A, A, A, U),
  // Your own private view; another member's private view is 404.
  'DELETE /api/v1/ticket-views/{id}': row(S, S, S, S, S, U),
  // Your own notifications and preferences; another member's notification is 404.
  'GET /api/v1/notifications': row(A, A, A, A, A, U, A),
  'GET /api/v1/notifications/unread-count': row(A, A, A, A, A, U, A),
  'POST /api/v1/notifications/read-all': row(A, A, A, A, A, U, A),
  'POST /api/v1/notifications/{id}/read': row(S, S, S, S, S, U, S),
  'GET /api/v1/notification-preferences': row(A, A, A, A, A, U, A),
  'PUT /api/v1/notification-preferences': row(A, A, A, A, A, U, A),
  'GET /api/v1/assignees': row(A, A, A, A, A, U),
  'GET /api/v1/settings/tickets': row(A, A, A, A, A, U),
  'PATCH /api/v1/settings/tickets': row(A, A, F, F, F, U),

  'GET /api/v1/work-types': row(A, A, A, A, A, U),
  'POST /api/v1/work-types': row(A, A, F, F, F, U),
  'PATCH /api/v1/work-types/{id}': row(A, A, F, F, F, U),
  'GET /api/v1/tickets/{id}/time-entries': row(A, A, A, S, A, U),
  'POST /api/v1/tickets/{id}/time-entries': row(A, A, A, S, F, U),
  // Your own entry, or anyone's with time.manage; Beta's entry is the owner's.
  'PATCH /api/v1/time-entries/{id}': row(A, A, O, S, F, U),
  'DELETE /api/v1/time-entries/{id}': row(A, A, O, S, F, U),
  'GET /api/v1/time-entries/{id}/history': row(A, A, A, S, A, U),
  // What a draft entry would come to: anyone who reads the ticket. Billing's override: billing.manage.
  'POST /api/v1/tickets/{id}/time-entries/classify': row(A, A, A, S, A, U),
  'PUT /api/v1/time-entries/{id}/billing': row(A, A, F, F, A, U),

  // The service catalog and tax codes: every staff role reads (billing.read), owner, admin and billing
  // change them (billing.manage).
  'GET /api/v1/tax-codes': row(A, A, A, A, A, U),
  'POST /api/v1/tax-codes': row(A, A, F, F, A, U),
  'GET /api/v1/tax-codes/{id}': row(A, A, A, A, A, U),
  'PATCH /api/v1/tax-codes/{id}': row(A, A, F, F, A, U),
  'GET /api/v1/catalog-items': row(A, A, A, A, A, U),
  'POST /api/v1/catalog-items': row(A, A, F, F, A, U),
  'POST /api/v1/catalog-items/standard': row(A, A, F, F, A, U),
  'GET /api/v1/catalog-items/{id}': row(A, A, A, A, A, U),
  'PATCH /api/v1/catalog-items/{id}': row(A, A, F, F, A, U),

  // Agreements: every staff role reads those of the clients it sees (billing.read); owner, admin and
  // billing change them (billing.manage). Work roles likewise; giving a member one is users.manage.
  'GET /api/v1/agreements': row(A, A, A, A, A, U),
  'POST /api/v1/agreements': row(A, A, F, F, A, U),
  'GET /api/v1/agreements/{id}': row(A, A, A, S, A, U),
  'PATCH /api/v1/agreements/{id}': row(A, A, F, F, A, U),
  'DELETE /api/v1/agreements/{id}': row(A, A, F, F, A, U),
  // SLA statements: everyone who reads tickets reads them; closing a month and explaining a breach to the
  // client is for those with sla.manage.
  'GET /api/v1/agreements/{id}/sla-statements': row(A, A, A, S, A, U),
  'GET /api/v1/agreements/{id}/sla-statements/check': row(A, A, A, S, A, U),
  'GET /api/v1/agreements/{id}/sla-statements/{month}': row(A, A, A, S, A, U),
  'GET /api/v1/agreements/{id}/sla-statements/{month}/pdf': row(A, A, A, S, A, U),
  'POST /api/v1/agreements/{id}/sla-statements/{month}/close': row(A, A, A, F, A, U),
  'PUT /api/v1/tickets/{id}/sla-explanations/{clock}': row(A, A, A, F, A, U),
  'POST /api/v1/service-credits/{id}/dispute': row(A, A, A, F, A, U),
  // Invoices and their settings: billing and the organization's admins; dispatchers and technicians
  // never see what clients pay.
  'GET /api/v1/invoices': row(A, A, F, F, A, U),
  'POST /api/v1/invoices/runs': row(A, A, F, F, A, U),
  'GET /api/v1/invoices/{id}': row(A, A, F, F, A, U),
  'GET /api/v1/invoices/{id}/pdf': row(A, A, F, F, A, U),
  'GET /api/v1/invoices/export': row(A, A, F, F, A, U),
  'DELETE /api/v1/invoices/{id}': row(A, A, F, F, A, U),
  'POST /api/v1/invoices/{id}/rebuild': row(A, A, F, F, A, U),
  'POST /api/v1/invoices/{id}/approve-counts': row(A, A, F, F, A, U),
  'POST /api/v1/invoices/{id}/finalize': row(A, A, F, F, A, U),
  'POST /api/v1/invoices/{id}/void': row(A, A, F, F, A, U),
  'POST /api/v1/invoices/{id}/credit-notes': row(A, A, F, F, A, U),
  'GET /api/v1/credit-notes': row(A, A, F, F, A, U),
  'GET /api/v1/credit-notes/{id}': row(A, A, F, F, A, U),
  'GET /api/v1/credit-notes/{id}/pdf': row(A, A, F, F, A, U),
  'GET /api/v1/credit-notes/export': row(A, A, F, F, A, U),
  'GET /api/v1/billing/settings': row(A, A, F, F, A, U),
  'PATCH /api/v1/billing/settings': row(A, A, F, F, A, U),
  // Profitability and staff cost rates: read with invoices.read, changed with billing.manage; technicians
  // and dispatchers never see what an hour costs.
  'GET /api/v1/profitability': row(A, A, F, F, A, U),
  'GET /api/v1/profitability/clients/{id}': row(A, A, F, F, A, U),
  'GET /api/v1/profitability/clients/{id}/entries': row(A, A, F, F, A, U),
  'GET /api/v1/cost-rates': row(A, A, F, F, A, U),
  'POST /api/v1/cost-rates': row(A, A, F, F, A, U),
  'DELETE /api/v1/cost-rates/{id}': row(A, A, F, F, A, U),
  'GET /api/v1/work-roles': row(A, A, A, A, A, U),
  'POST /api/v1/work-roles': row(A, A, F, F, A, U),
  'PATCH /api/v1/work-roles/{id}': row(A, A, F, F, A, U),
  'GET /api/v1/work-roles/assignments': row(A, A, A, A, A, U),
  'PUT /api/v1/users/{id}/work-role': row(A, A, F, F, F, U),

  // The audit log and its hash-chain check: audit.read.
  'GET /api/v1/audit-events': row(A, A, F, F, F, U),
  'GET /api/v1/audit/verify': row(A, A, F, F, F, U),
  // Single sign-on providers: security.manage.
  'GET /api/v1/sso-providers': row(A, A, F, F, F, U),
  'POST /api/v1/sso-providers': row(A, A, F, F, F, U),
  'GET /api/v1/sso-providers/{id}': row(A, A, F, F, F, U),
  'PATCH /api/v1/sso-providers/{id}': row(A, A, F, F, F, U),
  'DELETE /api/v1/sso-providers/{id}': row(A, A, F, F, F, U),
  // Sign-in events without an organization about this tenant's people: security.manage.
  'GET /api/v1/security-events': row(A, A, F, F, F, U),
  // Outgoing mail: SMTP settings, templates and the outbound log: mail.manage.
  'GET /api/v1/settings/mail': row(A, A, F, F, F, U),
  'PUT /api/v1/settings/mail': row(A, A, F, F, F, U),
  'DELETE /api/v1/settings/mail': row(A, A, F, F, F, U),
  'POST /api/v1/settings/mail/test': row(A, A, F, F, F, U),
  'GET /api/v1/email-templates': row(A, A, F, F, F, U),
  'GET /api/v1/email-templates/{key}': row(A, A, F, F, F, U),
  'PUT /api/v1/email-templates/{key}': row(A, A, F, F, F, U),
  'DELETE /api/v1/email-templates/{key}': row(A, A, F, F, F, U),
  'POST /api/v1/email-templates/{key}/preview': row(A, A, F, F, F, U),
  'GET /api/v1/outbound-emails': row(A, A, F, F, F, U),
  // A queued message is not failed: 409, which still proves the owner reached it.
  'POST /api/v1/outbound-emails/{id}/retry': row(A, A, F, F, F, U),
  // Mailboxes Accord receives at: mail.manage. An SMTP-listener mailbox has nothing to test or poll (409).
  'GET /api/v1/mailboxes': row(A, A, F, F, F, U),
  'POST /api/v1/mailboxes': row(A, A, F, F, F, U),
  'GET /api/v1/mailboxes/{id}': row(A, A, F, F, F, U),
  'PUT /api/v1/mailboxes/{id}': row(A, A, F, F, F, U),
  'DELETE /api/v1/mailboxes/{id}': row(A, A, F, F, F, U),
  'POST /api/v1/mailboxes/{id}/test': row(A, A, F, F, F, U),
  'POST /api/v1/mailboxes/{id}/poll': row(A, A, F, F, F, U),
  // Received mail and its triage: mail.triage (owner, admin, dispatcher).
  'GET /api/v1/inbound-emails': row(A, A, A, F, F, U),
  'GET /api/v1/inbound-emails/{id}': row(A, A, A, F, F, U),
  'GET /api/v1/inbound-emails/{id}/raw': row(A, A, A, F, F, U),
  'POST /api/v1/inbound-emails/{id}/create-ticket': row(A, A, A, F, F, U),
  'POST /api/v1/inbound-emails/{id}/attach': row(A, A, A, F, F, U),
  'POST /api/v1/inbound-emails/{id}/dismiss': row(A, A, A, F, F, U),
  // Attachments go with their ticket: whoever sees the ticket gets its files.
  'GET /api/v1/tickets/{id}/attachments': row(A, A, A, S, A, U),
  'GET /api/v1/attachments/{id}': row(A, A, A, S, A, U),
};
