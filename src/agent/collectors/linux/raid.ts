// Linux software RAID (md) from /proc/mdstat.
import type { Raid } from '../../../shared/api/inventory.ts';
import { clip, sortByKeys, sortedUnique } from '../section.ts';
import { isMissingFile, type SystemAccess, Unavailable } from '../system-access.ts';

/**
 * Each array starts "md0 : active raid1 sdb1[1](F) sda1[0]" and continues on indented lines: the member map
 * "[2/1] [U_]" (an underscore is a missing member) and, while it rebuilds, "recovery = 5.0% ..." or "resync".
 */
export function parseMdstat(text: string): Raid[] {
  const arrays: Raid[] = [];
  const blocks = text.split(/\n(?=md\S*\s*:)/);
  for (const block of blocks) {
    const [head, ...rest] = block.split('\n');
    const match = head?.match(/^(md\S*)\s*:\s*(\S+)\s+(.*)$/);
    if (!match) continue;
    const [, name, status, remainder] = match as unknown as string[];
    const tokens = remainder!.split(/\s+/).filter((token) => !/^\(.*read-only\)$/.test(token));
    const level = tokens[0] && /^(raid\d+|linear|multipath|faulty)$/.test(tokens[0]) ? tokens.shift()! : null;
    const members: string[] = [];
    const failedMembers: string[] = [];
    for (const token of tokens) {
      const member = token.match(/^([^[\s]+)\[\d+\]((?:\([A-Z]\))*)$/);
      if (!member) continue;
      members.push(member[1]!);
      if (member[2]!.includes('(F)')) failedMembers.push(member[1]!);
    }
    const details = rest.join('\n');
    const map = details.match(/\[([U_]+)\]/)?.[1] ?? '';
    let health: Raid['health'] = 'ok';
    if (status !== 'active') health = 'failed';
    else if (/\b(recovery|resync|reshape|rebuild)\b/.test(details)) health = 'rebuilding';
    else if (map.includes('_') || failedMembers.length > 0) health = 'degraded';
    arrays.push({
      device: clip(`/dev/${name}`, 200),
      level,
      health,
      members: sortedUnique(members).slice(0, 64),
      failedMembers: sortedUnique(failedMembers).slice(0, 64),
    });
  }
  return sortByKeys(arrays, (array) => array.device);
}

/** No md arrays → an empty list; no /proc/mdstat at all means the md driver is not loaded: not available. */
export async function collectLinuxRaid(system: SystemAccess): Promise<Raid[]> {
  try {
    return parseMdstat(await system.readFile('/proc/mdstat'));
  } catch (error) {
    if (isMissingFile(error)) {
      throw new Unavailable('no software RAID: the md driver is not loaded (/proc/mdstat is absent)');
    }
    throw error;
  }
}
