// Hostile values for the bad-input test: a seeded PRNG, values no schema should let through to the
// database, raw JSON that JSON.stringify cannot write, and helpers to put them anywhere in a body.

import { createRandom } from '../../src/shared/business-time/generate-cases.ts';

// biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON
export type Json = any;

export const MAX_BODY_BYTES = 1024 * 1024;

/** The business-time generator's seeded PRNG (mulberry32), with a picker: good enough to pick cases. */
export function prng(seed: number) {
  const next = createRandom(seed);
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

/** Values that put raw JSON where JSON.stringify cannot (1e309, deep nesting). */
export const RAW: Record<string, string> = {
  '\u0001raw:1e309': '1e309',
  '\u0001raw:-1e309': '-1e309',
  '\u0001raw:deep-array': `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
  '\u0001raw:deep-object': `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
};
export function serialize(value: unknown): string {
  let text = JSON.stringify(value);
  for (const [marker, raw] of Object.entries(RAW)) text = text.split(JSON.stringify(marker)).join(raw);
  return text;
}

export const huge = (bytes: number) => 'é'.repeat(Math.floor(bytes / 2));
/** Hostile values for any field; the first few are cheap, the big ones are sampled less. */
export const hostile: Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  -0.0001,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  '\u0001raw:1e309',
  '\u0001raw:-1e309',
  'NaN',
  'Infinity',
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202eevil\u202c',
  '👩🏽‍💻🇬🇧',
  'Z͑ͫ̓ͪ̂ͫ̽͏̴̙̤̞͉͚̯̞̠͍A̴̵̜̰͔ͫ͗͢L̠ͨͧͩ͘G̴̻͈͍͔̹̑͗̎̅͛́Ǫ̵̹̻̝̳͂̌̌͘',
  '\ufeff\u200b',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-20T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '2026-02-30T25:61:61Z',
  '1970-01-01T00:00:00+99:99',
  "'; DROP TABLE tickets; --",
  '%',
  '\\',
  [],
  [null],
  {},
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
  '\u0001raw:deep-array',
  '\u0001raw:deep-object',
  'x'.repeat(10_000),
  huge(200_000),
];
export const bigHostile: Json[] = [huge(MAX_BODY_BYTES - 4096), huge(MAX_BODY_BYTES + 1024)];

/** Percent-encodes; `%00` stays as typed and a lone surrogate becomes its (invalid) UTF-8 bytes. */
export function encode(value: string): string {
  if (value === '%00') return value;
  return encodeURIComponent(value.replace(/[\ud800-\udfff]/gu, '\u0002')).replaceAll('%02', '%ED%A0%80');
}

/** Paths to every leaf (and empty container) of a JSON value, a few levels deep. */
export function leafPaths(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object' || path.length >= 5) return [path];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  if (keys.length === 0) return [path];
  return keys.flatMap((key) => leafPaths(value[key], [...path, key]));
}

export function replaceAt(value: Json, [key, ...rest]: (string | number)[], replacement: Json): Json {
  if (key === undefined) return replacement;
  const copy = Array.isArray(value) ? [...value] : { ...value };
  copy[key] = replaceAt(value[key], rest, replacement);
  return copy;
}

/** Odd credentials and headers; header values must be Latin-1, so "unicode" here is bytes. */
export const headerVariants: Record<string, string>[] = [
  { cookie: 'accord_session=%00' },
  { cookie: `accord_session=${'a'.repeat(8_000)}` },
  { cookie: 'accord_session=%E0%A4%A; accord_session=x' },
  { authorization: 'Bearer \u00ff\u00fe%00' },
  { authorization: `Bearer ${'x'.repeat(8_000)}` },
  { authorization: 'Basic Zm9vOmJhcg==' },
  { 'content-type': 'application/json; charset=utf-16' },
  { 'content-type': 'application/merge-patch+json' },
  { 'content-type': 'multipart/form-data; boundary=x' },
  { 'x-request-id': '../../\u00ff'.repeat(50) },
  { 'x-forwarded-for': 'not-an-ip, 999.999.999.999, ::ffff:zz' },
];
