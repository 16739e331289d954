// Orders package versions the way Debian's dpkg does (epoch, then upstream and revision compared in runs
// of non-digits and digits, '~' before anything, even the end), which also orders RPM and Windows
// version strings sensibly: enough to tell an upgrade from a downgrade.

function charOrder(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

function comparePart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // Non-digit runs, character by character.
    while ((i < a.length && !/\d/.test(a[i]!)) || (j < b.length && !/\d/.test(b[j]!))) {
      const ca = i < a.length && !/\d/.test(a[i]!) ? a[i] : undefined;
      const cb = j < b.length && !/\d/.test(b[j]!) ? b[j] : undefined;
      const diff = charOrder(ca) - charOrder(cb);
      if (diff !== 0) return diff;
      if (ca !== undefined) i++;
      if (cb !== undefined) j++;
    }
    // Digit runs, as numbers (leading zeros ignored; no overflow for long runs).
    const startA = i;
    const startB = j;
    while (i < a.length && /\d/.test(a[i]!)) i++;
    while (j < b.length && /\d/.test(b[j]!)) j++;
    const na = a.slice(startA, i).replace(/^0+/, '');
    const nb = b.slice(startB, j).replace(/^0+/, '');
    if (na.length !== nb.length) return na.length - nb.length;
    if (na !== nb) return na < nb ? -1 : 1;
  }
  return 0;
}

function split(version: string): [number, string, string] {
  const colon = version.indexOf(':');
  const hasEpoch = colon > 0 && /^\d+$/.test(version.slice(0, colon));
  const epoch = hasEpoch ? Number(version.slice(0, colon)) : 0;
  const rest = hasEpoch ? version.slice(colon + 1) : version;
  const dash = rest.lastIndexOf('-');
  return dash > 0 ? [epoch, rest.slice(0, dash), rest.slice(dash + 1)] : [epoch, rest, ''];
}

/** Negative when a is older than b, positive when newer, 0 when they are the same version. */
export function compareVersions(a: string, b: string): number {
  const [epochA, upstreamA, revisionA] = split(a);
  const [epochB, upstreamB, revisionB] = split(b);
  if (epochA !== epochB) return epochA - epochB;
  return comparePart(upstreamA, upstreamB) || comparePart(revisionA, revisionB);
}
