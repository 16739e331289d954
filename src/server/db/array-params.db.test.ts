// Array parameters arrive element for element on the engine under test, whatever the text holds.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openTestDatabase } from '../../../test/database.ts';
import { instantArray, intArray, textArray, uuidArray } from './array-params.ts';
import type { DatabaseHandle } from './client.ts';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

async function elements(array: ReturnType<typeof textArray>): Promise<unknown[]> {
  const rows = await handle.db.select({ value: sql<unknown>`value` }).from(sql`unnest(${array}) as value`);
  return rows.map((row) => row.value);
}

test('text elements keep commas, quotes, backslashes, braces, spaces, empty text and the word NULL', async () => {
  const values = ['a,b', 'say "hi"', 'C:\\agent', '{x}', '  padded  ', '', 'NULL', 'ünï'];
  expect(await elements(textArray(values))).toEqual(values);
});

test('uuids, integers and instants arrive in order', async () => {
  const ids = ['0190c0de-0000-7000-8000-000000000001', '0190c0de-0000-7000-8000-000000000002'];
  expect(await elements(uuidArray(ids))).toEqual(ids);
  expect(await elements(intArray([3, -1, 0]))).toEqual([3, -1, 0]);
  const instants = [new Date('2026-11-23T10:30:00.123Z'), new Date('2026-03-29T01:00:00Z')];
  expect(
    (await elements(instantArray(instants))).map((value) => new Date(value as string).getTime()),
  ).toEqual(instants.map((instant) => instant.getTime()));
});
