// A detected change in one sentence ("Upgraded dotnet-runtime 6.0.25 → 8.0.1"): the asset's timeline, the
// vendor incident tickets and their evidence all say it the same way.
import type { AssetChange } from './api/inventory.ts';

const arrow = (before: string | null, after: string | null) => `${before ?? '—'} → ${after ?? '—'}`;
const withValue = (text: string, value: string | null) => (value ? `${text} ${value}` : text);

/** One sentence for what changed. */
export function describeChange(change: Pick<AssetChange, 'kind' | 'subject' | 'before' | 'after'>): string {
  const { subject, before, after } = change;
  switch (change.kind) {
    case 'os.changed':
      return `Operating system changed: ${arrow(before, after)}`;
    case 'software.installed':
      return withValue(`Installed ${subject}`, after);
    case 'software.removed':
      return withValue(`Removed ${subject}`, before);
    case 'software.upgraded':
      return `Upgraded ${subject} ${arrow(before, after)}`;
    case 'software.downgraded':
      return `Downgraded ${subject} ${arrow(before, after)}`;
    case 'service.added':
      return after ? `Service ${subject} added (${after})` : `Service ${subject} added`;
    case 'service.removed':
      return `Service ${subject} removed`;
    case 'service.changed':
      return `Service ${subject}: ${arrow(before, after)}`;
    case 'account.added':
      return after ? `Account ${subject} added (groups: ${after})` : `Account ${subject} added`;
    case 'account.removed':
      return `Account ${subject} removed`;
    case 'account.password_changed':
      return `Password changed for ${subject}`;
    case 'account.groups_changed':
      return `Groups of ${subject} changed: ${arrow(before || 'none', after || 'none')}`;
    case 'account.enabled':
      return `Account ${subject} enabled`;
    case 'account.disabled':
      return `Account ${subject} disabled`;
    case 'disk.health_changed':
      return before ? `Disk ${subject} health: ${arrow(before, after)}` : `Disk ${subject} reported ${after}`;
    case 'raid.health_changed':
      return before ? `RAID ${subject}: ${arrow(before, after)}` : `RAID ${subject} reported ${after}`;
    case 'backup.added':
      return `Backup job ${subject} added`;
    case 'backup.removed':
      return `Backup job ${subject} removed`;
    case 'backup.changed':
      return `Backup job ${subject}: ${arrow(before, after)}`;
    case 'protection.changed':
      return `${subject}: ${arrow(before, after)}`;
  }
}
