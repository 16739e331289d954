// Mounted filesystems and their free space, from /proc/mounts and statfs.
import type { Volume } from '../../../shared/api/inventory.ts';
import { clip, sortByKeys } from '../section.ts';
import type { SystemAccess } from '../system-access.ts';

/**
 * Kernel and memory filesystems hold no data worth watching; network filesystems are skipped because statfs on
 * a dead NFS server hangs, and their space belongs to another machine's report.
 */
const skippedTypes = new Set([
  'proc',
  'sysfs',
  'tmpfs',
  'devtmpfs',
  'devpts',
  'overlay',
  'cgroup',
  'cgroup2',
  'squashfs',
  'mqueue',
  'debugfs',
  'tracefs',
  'securityfs',
  'pstore',
  'bpf',
  'autofs',
  'hugetlbfs',
  'configfs',
  'fusectl',
  'binfmt_misc',
  'rpc_pipefs',
  'nsfs',
  'ramfs',
  'efivarfs',
  'selinuxfs',
  'nfsd',
  'iso9660',
  'nfs',
  'nfs4',
  'cifs',
  'smb3',
  'smbfs',
  'ceph',
  'glusterfs',
  '9p',
  'virtiofs',
]);

export interface MountEntry {
  device: string;
  mount: string;
  filesystem: string;
}

/** /proc/mounts escapes spaces and tabs in paths as octal (\040). */
function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

/** Real filesystems, one mount point per device (the shortest: bind mounts repeat a device elsewhere). */
export function parseMounts(text: string): MountEntry[] {
  const byDevice = new Map<string, MountEntry>();
  for (const line of text.split('\n')) {
    const [device, mount, filesystem] = line.split(' ');
    if (!device || !mount || !filesystem) continue;
    if (skippedTypes.has(filesystem) || filesystem.startsWith('fuse.') || !device.startsWith('/')) continue;
    const entry = { device, mount: unescapeMountPath(mount), filesystem };
    const seen = byDevice.get(device);
    if (!seen || entry.mount.length < seen.mount.length) byDevice.set(device, entry);
  }
  return sortByKeys(byDevice.values(), (entry) => entry.mount);
}

export async function collectLinuxVolumes(system: SystemAccess): Promise<Volume[]> {
  const mounts = parseMounts(await system.readFile('/proc/mounts'));
  const volumes = await Promise.all(
    mounts.map(async (entry): Promise<Volume | null> => {
      try {
        const space = await system.statfs(entry.mount);
        return { mount: clip(entry.mount, 500), filesystem: entry.filesystem, ...space };
      } catch {
        return null; // unmounted since /proc/mounts was read, or not ours to see
      }
    }),
  );
  return volumes.filter((volume) => volume !== null);
}
