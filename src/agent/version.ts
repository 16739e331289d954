// The agent's version, as it reports it: the package's, read at run time.
import { readFileSync } from 'node:fs';

/** src/agent/ and dist/agent/ are both two levels below the package root. */
export function agentVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
