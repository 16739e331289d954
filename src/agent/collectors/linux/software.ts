// Installed packages from dpkg (Debian family) or rpm (RHEL family). publisher = the package's architecture.
import type { Software } from '../../../shared/api/inventory.ts';
import { clip, clipOrNull, sortSoftware } from '../section.ts';
import { commandFailure, isMissingFile, type SystemAccess, Unavailable } from '../system-access.ts';

// biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's format, taken literally
export const dpkgQueryArgs = ['-W', '-f', '${Package}\t${Version}\t${Architecture}\t${db:Status-Abbrev}\n'];
/** rpm's (none) epoch is left out, as `rpm -q` prints it. */
export const rpmQueryArgs = ['-qa', '--queryformat', '%{NAME}\t%{EPOCH}:%{VERSION}-%{RELEASE}\t%{ARCH}\n'];

/** Lines of `dpkg-query -W -f '${Package}\t${Version}\t${Architecture}\t${db:Status-Abbrev}\n'`. */
export function parseDpkgQuery(output: string): Software[] {
  const packages: Software[] = [];
  for (const line of output.split('\n')) {
    const [name, version, architecture, status] = line.split('\t');
    // The second letter is the package's state. Not installed (n) or only its config files left (c): gone.
    // Installed (i), and the states dpkg passes through while it installs, upgrades or removes it
    // (half-installed H, unpacked U, half-configured F, triggers W and t): its files are there. A report
    // taken mid-upgrade must not read as the package removed and then installed again.
    if (!name || !version || !status || !'iHUFWt'.includes(status.charAt(1))) continue;
    packages.push({
      name: clip(name, 300),
      version: clip(version, 200),
      publisher: clipOrNull(architecture, 300),
      source: 'dpkg',
    });
  }
  return sortSoftware(packages);
}

/** Lines of `rpm -qa --queryformat '%{NAME}\t%{EPOCH}:%{VERSION}-%{RELEASE}\t%{ARCH}\n'`. */
export function parseRpmQuery(output: string): Software[] {
  const packages: Software[] = [];
  for (const line of output.split('\n')) {
    const [name, version, architecture] = line.split('\t');
    if (!name || !version) continue;
    const withoutEmptyEpoch = version.replace(/^\(none\):/, '');
    packages.push({
      name: clip(name, 300),
      version: clip(withoutEmptyEpoch, 200),
      // gpg-pubkey entries have no architecture: rpm prints "(none)".
      publisher: architecture === '(none)' ? null : clipOrNull(architecture, 300),
      source: 'rpm',
    });
  }
  return sortSoftware(packages);
}

/** dpkg where it is the package manager, else rpm. */
export async function collectLinuxSoftware(system: SystemAccess): Promise<Software[]> {
  try {
    const result = await system.run('dpkg-query', dpkgQueryArgs);
    if (result.exitCode !== 0) throw commandFailure('dpkg-query', result);
    return parseDpkgQuery(result.stdout);
  } catch (error) {
    if (!isMissingFile(error)) throw error;
  }
  try {
    const result = await system.run('rpm', rpmQueryArgs);
    if (result.exitCode !== 0) throw commandFailure('rpm', result);
    return parseRpmQuery(result.stdout);
  } catch (error) {
    if (isMissingFile(error)) throw new Unavailable('neither dpkg-query nor rpm is installed');
    throw error;
  }
}
