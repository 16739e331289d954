// Property test: the interval engine agrees with the minute-stepping oracle on 10,000 seeded cases.
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween } from './business-time.ts';
import type { BusinessTimeCase } from './generate-cases.ts';
import { generateCases } from './generate-cases.ts';
import { oracleAddBusinessMinutes, oracleBusinessMinutesBetween } from './minute-oracle.ts';

const SEED = 20_261_122;
const CASE_COUNT = 10_000;

const iso = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs).toISOString());

function describeDisagreement(
  index: number,
  testCase: BusinessTimeCase,
  what: string,
  engine: unknown,
  oracle: unknown,
): string {
  return [
    `case #${index} (generateCases(${CASE_COUNT}, ${SEED})[${index}]): ${what}`,
    `  engine ${JSON.stringify(engine)}  oracle ${JSON.stringify(oracle)}`,
    `  from ${iso(testCase.fromEpochMs)} (${testCase.fromEpochMs}), minutes ${testCase.minutes}, to ${iso(testCase.toEpochMs)}`,
    `  calendar ${JSON.stringify(testCase.calendar)}`,
  ].join('\n');
}

describe('business-time engine against the minute oracle', () => {
  it(`agrees on ${CASE_COUNT} generated cases around DST changes`, { timeout: 120_000 }, () => {
    const cases = generateCases(CASE_COUNT, SEED);
    const disagreements: string[] = [];
    let nullCount = 0;
    cases.forEach((testCase, index) => {
      const { calendar, fromEpochMs, minutes, toEpochMs } = testCase;
      const engineDue = addBusinessMinutes(calendar, fromEpochMs, minutes);
      const oracleDue = oracleAddBusinessMinutes(calendar, fromEpochMs, minutes);
      if (engineDue === null) nullCount++;
      if (engineDue !== oracleDue) {
        disagreements.push(
          describeDisagreement(index, testCase, 'addBusinessMinutes', iso(engineDue), iso(oracleDue)),
        );
      }
      const engineBetween = businessMinutesBetween(calendar, fromEpochMs, toEpochMs);
      const oracleBetween = oracleBusinessMinutesBetween(calendar, fromEpochMs, toEpochMs);
      if (engineBetween !== oracleBetween) {
        disagreements.push(
          describeDisagreement(index, testCase, 'businessMinutesBetween', engineBetween, oracleBetween),
        );
      }
    });
    expect(
      disagreements.length,
      `${disagreements.length} disagreements; first ones:\n${disagreements.slice(0, 5).join('\n')}`,
    ).toBe(0);
    // Guards against a generator that stops producing the cases that matter.
    expect(nullCount).toBeGreaterThan(0);
    expect(nullCount).toBeLessThan(CASE_COUNT / 100);
  });
});
