// How near a vendor's support contract is to renewing: past (it lapsed unless renewed), soon (within
// RENEWAL_SOON_DAYS), or later. Dates are plain YYYY-MM-DD days, compared as days.

export const RENEWAL_SOON_DAYS = 30;

export type RenewalState = 'past' | 'soon' | 'later';

const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/** Today as YYYY-MM-DD in the browser's zone (the user's own calendar day). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole days from `today` to `renewsOn` (negative once it has passed). */
export function daysUntil(renewsOn: string, today: string): number {
  return dayNumber(renewsOn) - dayNumber(today);
}

export function renewalState(renewsOn: string, today: string): RenewalState {
  const days = daysUntil(renewsOn, today);
  if (days < 0) return 'past';
  return days <= RENEWAL_SOON_DAYS ? 'soon' : 'later';
}
