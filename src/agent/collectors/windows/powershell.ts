// Windows collectors ask PowerShell and read its JSON. Each script ends in `ConvertTo-Json -Depth 4 -Compress`
// and formats dates itself ('o', UTC), because Windows PowerShell 5.1 writes DateTime as "/Date(ms)/".
import { commandFailure, type SystemAccess } from '../system-access.ts';

/** Stop on the first error (so a failure is an exit code, not half an answer), no progress bars, UTF-8 out. */
const prelude =
  "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'; " +
  '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8; ';

/**
 * Runs a script and returns its JSON. The script goes in -EncodedCommand (base64 UTF-16LE), the same as -Command
 * but with no quoting to get wrong: Windows PowerShell re-parses quotes inside a -Command argument.
 */
export async function runPowerShell(
  system: SystemAccess,
  script: string,
  timeoutMs = 60_000,
): Promise<unknown> {
  const encoded = Buffer.from(prelude + script, 'utf16le').toString('base64');
  const result = await system.run(
    'powershell.exe',
    ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded],
    { timeoutMs },
  );
  if (result.exitCode !== 0) throw commandFailure('powershell.exe', result);
  return parsePowerShellJson(result.stdout);
}

/** ConvertTo-Json prints nothing for an empty pipeline and a bare object for a single item. */
export function parsePowerShellJson(output: string): unknown {
  const text = output.replace(/^\uFEFF/, '').trim();
  return text === '' ? [] : JSON.parse(text);
}

export function asArray(value: unknown): Record<string, unknown>[] {
  const items = Array.isArray(value) ? value : value == null ? [] : [value];
  return items.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null);
}

export function asText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

export function asNumber(value: unknown): number | null {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : null;
}
