// Defensive checks of classification input: a bad rate or minute count is the caller's bug, never a clause.
import { isExistingDate } from '../business-time/calendar-schema.ts';
import type { ClassifyAgreement, ClassifyEntry } from './classify-time.ts';
import type { Balance } from './pricing.ts';

export function validateAgreement(agreement: ClassifyAgreement): void {
  const name = `agreement ${agreement.id}`;
  nonNegativeInteger(agreement.hourlyRateCents, `${name} hourlyRateCents`);
  for (const [role, rate] of Object.entries(agreement.roleRates)) {
    nonNegativeInteger(rate, `${name} roleRates.${role}`);
  }
  if (agreement.overageRateCents !== null) {
    nonNegativeInteger(agreement.overageRateCents, `${name} overageRateCents`);
  }
  for (const [tier, percent] of Object.entries(agreement.tierPercent)) {
    if (percent !== null) nonNegativeInteger(percent, `${name} tierPercent.${tier}`);
  }
  nonNegativeInteger(agreement.tripChargeCents, `${name} tripChargeCents`);
  nonNegativeInteger(agreement.onsiteMinimumMinutes, `${name} onsiteMinimumMinutes`);
  nonNegativeInteger(agreement.remoteTicketMinimumMinutes, `${name} remoteTicketMinimumMinutes`);
  if (!Number.isSafeInteger(agreement.roundingMinutes) || agreement.roundingMinutes < 1) {
    throw new RangeError(
      `${name} roundingMinutes must be a whole number ≥ 1, got ${agreement.roundingMinutes}`,
    );
  }
  isoDate(agreement.startsOn, `${name} startsOn`);
  if (agreement.endsOn !== null) isoDate(agreement.endsOn, `${name} endsOn`);
}

export function validateEntry(entry: ClassifyEntry): void {
  if (!Number.isSafeInteger(entry.minutes) || entry.minutes < 1 || entry.minutes > 1440) {
    throw new RangeError(
      `time entry ${entry.id} minutes must be a whole number in 1..1440, got ${entry.minutes}`,
    );
  }
}

/** Opening balances as a working map, with every block and retainer present (missing = 0). */
export function validateBalances(
  balances: Readonly<Record<string, { minutes?: number; cents?: number }>>,
  agreements: ReadonlyMap<string, ClassifyAgreement>,
): Map<string, Balance> {
  const working = new Map<string, Balance>();
  for (const [id, balance] of Object.entries(balances)) {
    const minutes = balance.minutes ?? 0;
    const cents = balance.cents ?? 0;
    nonNegativeInteger(minutes, `balance of ${id} minutes`);
    nonNegativeInteger(cents, `balance of ${id} cents`);
    working.set(id, { minutes, cents });
  }
  for (const agreement of agreements.values()) {
    const draws = agreement.type === 'block_hours' || agreement.type === 'retainer';
    if (draws && !working.has(agreement.id)) working.set(agreement.id, { minutes: 0, cents: 0 });
  }
  return working;
}

function nonNegativeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
  }
}

function isoDate(text: string, name: string): void {
  if (!isExistingDate(text)) throw new RangeError(`${name} must be a date YYYY-MM-DD, got '${text}'`);
}
