// Refuses NUL characters (U+0000) and lone surrogates anywhere in a query string or JSON body:
// PostgreSQL text cannot store NUL and jsonb refuses a lone surrogate's escape, either failing the
// query, so they are refused at the edge for every route at once.
import type { MiddlewareHandler } from 'hono';
import { AppError } from './app-error.ts';
import type { AppEnv } from './context.ts';

const NUL = '\u0000';
/** A surrogate without its pair (the `u` flag matches a well-formed pair as one character). */
const LONE_SURROGATE = /[\ud800-\udfff]/u;
const isUnstorable = (text: string) => text.includes(NUL) || LONE_SURROGATE.test(text);
const MESSAGE = 'Text may not contain NUL characters (U+0000) or unpaired surrogates.';

/** The JSON path of the first unstorable string (key or value), walking without recursion. */
function findNul(root: unknown): string[] | null {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (isUnstorable(value)) return path;
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (isUnstorable(key)) return path;
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return null;
}

/**
 * Whether a JSON text may hold an unstorable string. Decoding UTF-8 never yields a lone surrogate, so
 * only a raw NUL or an escape can bring one.
 */
export const mayHoldUnstorable = (text: string) => text.includes(NUL) || /\\u(0000|d[89a-f])/i.test(text);

function refuse(path: string[]): never {
  throw new AppError('request.invalid', MESSAGE, [{ path, message: MESSAGE }]);
}

export const rejectNulCharacters: MiddlewareHandler<AppEnv> = async (c, next) => {
  for (const [key, value] of new URL(c.req.url).searchParams) {
    if (key.includes(NUL) || value.includes(NUL)) refuse([key.replaceAll(NUL, '\\u0000')]);
  }
  if (c.req.header('content-type')?.includes('json')) {
    // Cached by Hono, so the route's validator reads the same text without a second stream read.
    const text = await c.req.text();
    if (mayHoldUnstorable(text)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return next(); // the validator answers request.malformed_json
      }
      const path = findNul(parsed);
      if (path) refuse(path);
    }
  }
  await next();
};
