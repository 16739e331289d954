// Arrays as one text parameter each ('{…}' cast to an array type): thousands of values stay one parameter
// on either engine and the statement's text does not grow with them, where Drizzle would spread a JS array
// into a parameter per element.
import { type SQL, sql } from 'drizzle-orm';

const literal = (elements: readonly string[]) => `{${elements.join(',')}}`;

export const uuidArray = (ids: readonly string[]): SQL => sql`${literal(ids)}::uuid[]`;

export const intArray = (values: readonly number[]): SQL => sql`${literal(values.map(String))}::int[]`;

export const instantArray = (values: readonly Date[]): SQL =>
  sql`${literal(values.map((value) => value.toISOString()))}::timestamptz[]`;

/** Every element quoted, so commas, quotes, braces, spaces and the word NULL arrive as written. */
export const textArray = (values: readonly string[]): SQL =>
  sql`${literal(values.map((value) => `"${value.replace(/[\\"]/g, '\\$&')}"`))}::text[]`;
