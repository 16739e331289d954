import { describe, expect, test } from 'vitest';
import { formatBytes, formatUptime, readBackup, volumeUsage } from './inventory-health.ts';

const now = Date.parse('2026-03-10T12:00:00Z');

describe('readBackup', () => {
  const job = { name: 'nightly', rpoHours: 24 };

  test('a success within the RPO is fresh', () => {
    const reading = readBackup(
      job,
      [{ name: 'nightly', lastSuccessAt: '2026-03-10T02:00:00Z', lastRunAt: null }],
      now,
    );
    expect(reading).toMatchObject({ ageHours: 10, isOlderThanRpo: false });
  });

  test('a success older than the RPO is flagged', () => {
    const reading = readBackup(
      job,
      [{ name: 'nightly', lastSuccessAt: '2026-03-09T11:00:00Z', lastRunAt: '2026-03-10T02:00:00Z' }],
      now,
    );
    expect(reading).toMatchObject({ ageHours: 25, isOlderThanRpo: true, lastRunAt: '2026-03-10T02:00:00Z' });
  });

  test('exactly at the RPO is still within it', () => {
    expect(
      readBackup(job, [{ name: 'nightly', lastSuccessAt: '2026-03-09T12:00:00Z', lastRunAt: null }], now)
        .isOlderThanRpo,
    ).toBe(false);
  });

  test('no success at all, or no run reported for the job, is flagged', () => {
    expect(
      readBackup(job, [{ name: 'nightly', lastSuccessAt: null, lastRunAt: null }], now).isOlderThanRpo,
    ).toBe(true);
    expect(
      readBackup(job, [{ name: 'other', lastSuccessAt: '2026-03-10T11:00:00Z', lastRunAt: null }], now),
    ).toMatchObject({
      lastSuccessAt: null,
      isOlderThanRpo: true,
    });
  });
});

describe('volumeUsage', () => {
  test('under 10 % free is low', () => {
    expect(volumeUsage({ sizeBytes: 1000, freeBytes: 99 })).toMatchObject({ isLow: true, usedPercent: 90.1 });
    expect(volumeUsage({ sizeBytes: 1000, freeBytes: 100 })).toMatchObject({ isLow: false, usedPercent: 90 });
  });

  test('an empty-sized volume does not divide by zero', () => {
    expect(volumeUsage({ sizeBytes: 0, freeBytes: 0 })).toMatchObject({ freeRatio: 0, isLow: true });
  });
});

describe('formatBytes', () => {
  test.each([
    [512, '512 B'],
    [1536, '1.5 KiB'],
    [500 * 1024 ** 3, '500 GiB'],
    [12.4 * 1024 ** 3, '12.4 GiB'],
    [2 * 1024 ** 4, '2.0 TiB'],
  ])('%d bytes read %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatUptime', () => {
  test.each([
    [30, 'just started'],
    [45 * 60, '45 min'],
    [3 * 3600 + 20 * 60, '3 h 20 min'],
    [2 * 3600, '2 h'],
    [12 * 86_400 + 4 * 3600 + 59, '12 d 4 h'],
    [5 * 86_400, '5 d'],
  ])('%d seconds read %s', (seconds, text) => {
    expect(formatUptime(seconds)).toBe(text);
  });
});
