// Local accounts from /etc/passwd, /etc/group and /etc/shadow.
//
// Which accounts: root, every account with uid ≥ 1000 except nobody (people), and any other account with a login
// shell (a service account someone can log in as, e.g. postgres with /bin/bash). System accounts with nologin
// or false as their shell cannot log in and only add noise.
//
// Disabled: the account has expired (shadow's expiry day has come, as `usermod --expiredate 1` sets it) or its
// shell refuses logins. A locked password ("!") alone is not disabled: passwd(1) says so, because the user may
// still log in with an SSH key (cloud images lock every password that way); nor is "*" (no password at all).
//
// /etc/shadow is readable by root only. When the agent cannot read it the accounts are still reported, with
// passwordChangedAt null and "disabled" known from the shell alone: the section works, only dates are missing.
// The agent runs as root, so this is the unusual case.
import type { Account } from '../../../shared/api/inventory.ts';
import { clip, sortByKeys, sortedUnique } from '../section.ts';
import type { SystemAccess } from '../system-access.ts';
import { epochDaysToDate } from '../time.ts';

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  shell: string;
}

interface ShadowEntry {
  /** Days since 1970-01-01; null when unset or 0 ("change at next login"). */
  lastChangedDay: number | null;
  expiresDay: number | null;
}

const humanUidMin = 1000;
const nobodyUid = 65534;

function hasLoginShell(shell: string): boolean {
  return shell !== '' && !/\/(nologin|false|sync|shutdown|halt)$/.test(shell);
}

function colonRecords(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split(':'));
}

export function parsePasswd(text: string): PasswdEntry[] {
  return colonRecords(text).flatMap(([name, , uid, gid, , , shell]) =>
    name && uid !== undefined
      ? [{ name, uid: Number(uid), gid: Number(gid), shell: shell?.trim() ?? '' }]
      : [],
  );
}

/** group name → members, including each account's primary group. */
export function groupsByAccount(groupText: string, accounts: PasswdEntry[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  const add = (account: string, group: string) =>
    groups.set(account, [...(groups.get(account) ?? []), group]);
  const namesByGid = new Map<number, string>();
  for (const [group, , gid, members] of colonRecords(groupText)) {
    if (!group) continue;
    namesByGid.set(Number(gid), group);
    for (const member of (members ?? '').split(',')) if (member.trim()) add(member.trim(), group);
  }
  for (const account of accounts) {
    const primary = namesByGid.get(account.gid);
    if (primary) add(account.name, primary);
  }
  return groups;
}

export function parseShadow(text: string): Map<string, ShadowEntry> {
  const entries = new Map<string, ShadowEntry>();
  const day = (field: string | undefined) => (field && Number(field) > 0 ? Number(field) : null);
  for (const [name, , lastChanged, , , , , expires] of colonRecords(text)) {
    if (!name) continue;
    entries.set(name, {
      lastChangedDay: day(lastChanged),
      expiresDay: day(expires),
    });
  }
  return entries;
}

/** `shadow` null when /etc/shadow could not be read; `today` in days since 1970-01-01. */
export function buildAccounts(
  passwd: PasswdEntry[],
  groupText: string,
  shadow: Map<string, ShadowEntry> | null,
  today: number,
): Account[] {
  const reported = passwd.filter(
    (entry) =>
      entry.uid === 0 || (entry.uid >= humanUidMin && entry.uid !== nobodyUid) || hasLoginShell(entry.shell),
  );
  const groups = groupsByAccount(groupText, reported);
  const accounts = reported.map((entry): Account => {
    const secrets = shadow?.get(entry.name);
    const expired = secrets?.expiresDay != null && secrets.expiresDay <= today;
    return {
      name: clip(entry.name, 200),
      kind: 'local',
      groups: sortedUnique(groups.get(entry.name) ?? []).slice(0, 200),
      disabled: expired || !hasLoginShell(entry.shell),
      passwordChangedAt: secrets?.lastChangedDay != null ? epochDaysToDate(secrets.lastChangedDay) : null,
    };
  });
  return sortByKeys(accounts, (account) => account.name);
}

export async function collectLinuxAccounts(system: SystemAccess): Promise<Account[]> {
  const [passwd, group] = await Promise.all([system.readFile('/etc/passwd'), system.readFile('/etc/group')]);
  const shadow = await system.readFile('/etc/shadow').then(parseShadow, () => null);
  const today = Math.floor(system.now().getTime() / 86_400_000);
  return buildAccounts(parsePasswd(passwd), group, shadow, today);
}
