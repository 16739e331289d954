// Pure rules behind the vendor-terms screens: which of an engagement's letters is in force, which is on its
// way, how near a letter is to ending, and how an engagement's standing with the rules reads.
import type { EngagementRules, Loa } from '../../../shared/api/vendor-terms.ts';
import { daysUntil } from '../vendors/renewal.ts';

/** A signed letter is flagged this many days before it ends (the first reminder the server sends). */
export const LOA_EXPIRY_SOON_DAYS = 30;

export interface ArrangedLetters {
  /** The newest signed letter still in force. */
  inForce: Loa | null;
  /** The draft or the letter out for signature (at most one per engagement). */
  pending: Loa | null;
  /** Everything else, newest first: expired, revoked, and signed letters a newer one replaced. */
  earlier: Loa[];
}

/** `loas` newest first, as the API lists them. */
export function arrangeLetters(loas: readonly Loa[]): ArrangedLetters {
  const inForce = loas.find((loa) => loa.status === 'signed') ?? null;
  const pending = loas.find((loa) => loa.status === 'draft' || loa.status === 'sent') ?? null;
  return { inForce, pending, earlier: loas.filter((loa) => loa !== inForce && loa !== pending) };
}

export type ExpiryState = 'later' | 'soon' | 'past';

/**
 * How near `expiresOn` is, seen on `today` (both YYYY-MM-DD): "expires in 12 days" within
 * LOA_EXPIRY_SOON_DAYS, "expires today", "ended 3 days ago"; later dates need no note.
 */
export function expiryNote(expiresOn: string, today: string): { state: ExpiryState; text: string | null } {
  const days = daysUntil(expiresOn, today);
  if (days < 0) return { state: 'past', text: `ended ${plural(-days, 'day')} ago` };
  if (days === 0) return { state: 'soon', text: 'expires today' };
  if (days <= LOA_EXPIRY_SOON_DAYS) return { state: 'soon', text: `expires in ${plural(days, 'day')}` };
  return { state: 'later', text: null };
}

/** The same day a year later (29 February becomes 28 February): a signed letter's usual term. */
export function oneYearAfter(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year + 1, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year + 1}-${pad(month)}-${pad(Math.min(day, lastDay))}`;
}

export type StandingTone = 'good' | 'warning' | 'bad' | 'none';

/** "Acknowledged v3", "Outdated", "Not acknowledged", "No rules published", with a tone for its colour. */
export function standingLabel(rules: Pick<EngagementRules, 'status' | 'acknowledgements'>): {
  label: string;
  tone: StandingTone;
} {
  switch (rules.status) {
    case 'acknowledged': {
      const current = rules.acknowledgements.find((ack) => ack.isCurrent);
      return { label: current ? `Acknowledged v${current.rulesVersion}` : 'Acknowledged', tone: 'good' };
    }
    case 'outdated':
      return { label: 'Outdated', tone: 'warning' };
    case 'not_acknowledged':
      return { label: 'Not acknowledged', tone: 'bad' };
    case 'none':
      return { label: 'No rules published', tone: 'none' };
  }
}

/** "Rules v3 with the client's addendum v2", for saying what is in force. */
export function versionsInForce(rules: Pick<EngagementRules, 'rulesVersion' | 'addendumVersion'>): string {
  if (rules.rulesVersion === null) return 'No rules in force';
  const addendum =
    rules.addendumVersion === null ? '' : ` with the client’s addendum v${rules.addendumVersion}`;
  return `Rules v${rules.rulesVersion}${addendum}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}

/**
 * The tickets a vendor notice may cite: the client's tickets attributed to the vendor first, then its other
 * incidents (not attributed to anyone yet, or to another vendor) for the user to pick from.
 */
export function evidenceCandidates<T extends { id: string; vendorId: string | null; type: string }>(
  listed: readonly T[],
  vendorId: string,
): { attributed: T[]; otherIncidents: T[] } {
  const tickets = [...new Map(listed.map((ticket) => [ticket.id, ticket])).values()];
  return {
    attributed: tickets.filter((ticket) => ticket.vendorId === vendorId),
    otherIncidents: tickets.filter(
      (ticket) => ticket.vendorId !== vendorId && (ticket.type === 'incident' || ticket.type === 'alert'),
    ),
  };
}
