// A real Dovecot 2.3 IMAP server on 127.0.0.1 for tests: users with passwords, optionally XOAUTH2/OAUTHBEARER
// checked against an OAuth2 introspection URL, STARTTLS and implicit TLS with a given certificate.
//
// Where Dovecot comes from, without changing the machine:
// - as root: Debian's dovecot-core and dovecot-imapd are fetched once with `apt-get download` and unpacked
//   with `dpkg-deb -x` into node_modules/.cache/accord-dovecot. Dovecot finds its helpers, modules and
//   doveconf under /usr by compiled-in paths (it loads the TLS module from /usr/lib/dovecot/modules even with
//   ssl = no), so it runs in a private mount namespace (`unshare --mount`) in which the unpacked /usr is laid
//   over the real one (a read-only overlay). Only Dovecot sees that mount, and it goes away with Dovecot.
// - not root: an installed Dovecot 2.3 (/usr/sbin/dovecot), run as the current user.
// Everything a run writes (configuration, sockets, state, mail, log) is in one temp dir, removed by close().
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { type AddressInfo, connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImapFlow } from 'imapflow';

const HOST = '127.0.0.1';
const PACKAGES = ['dovecot-core', 'dovecot-imapd'];
const cacheDir = fileURLToPath(new URL('../node_modules/.cache/accord-dovecot', import.meta.url));
/** The unpacked packages: <unpacked>/usr/sbin/dovecot, <unpacked>/usr/lib/dovecot/… */
const unpacked = join(cacheDir, 'root');
/** Lays the unpacked /usr ($1) over the real one; run inside `unshare --mount`. */
const overlayCommand = 'mount -t overlay accord-dovecot -o "lowerdir=$1/usr:/usr" /usr';

export interface DovecotOptions {
  /** user → password (kept in plain text; no ':' in either). */
  users?: Record<string, string>;
  /** Offers XOAUTH2 and OAUTHBEARER (or only those in `mechanisms`), each token checked by a POST to this
   * RFC 7662 introspection URL, which must answer `{ "active": true, "username": "<the user signing in>" }`
   * for a good one. imapflow picks OAUTHBEARER when offered; Microsoft 365 offers only XOAUTH2. */
  oauth2?: { introspectionUrl: string; mechanisms?: ('xoauth2' | 'oauthbearer')[] };
  /** Offers STARTTLS on `port` and implicit TLS on `tlsPort` with this certificate. */
  tls?: { key: string; cert: string };
}

export interface MessageInFolder {
  uid: number;
  flags: string[];
  subject: string | null;
}

export interface Dovecot {
  host: typeof HOST;
  /** IMAP, with STARTTLS when started with `tls`. */
  port: number;
  /** Implicit TLS; only when started with `tls`. */
  tlsPort?: number;
  /** A client signed in on the plain port (users with a password only); log it out when done. */
  signIn(user: string): Promise<ImapFlow>;
  /** Appends a raw message, unseen, to a user's folder (INBOX by default; created when missing). */
  deliver(user: string, raw: string | Buffer, folder?: string): Promise<void>;
  /** The messages in a user's folder, oldest first, with their flags (but \Recent); [] when the folder does
   * not exist. Levels are separated by '.' here (Dovecot's Maildir++ layout). */
  list(user: string, folder: string): Promise<MessageInFolder[]>;
  /** Dovecot's own log so far, for a failing test's message. */
  log(): string;
  /** Stops Dovecot and every process it started, and removes its files. */
  close(): Promise<void>;
}

type Launch = { kind: 'private'; root: string } | { kind: 'installed' };

let availability: { launch: Launch | null; reason: string | null } | undefined;

/** Null when Dovecot can run here; else why the Dovecot tests are skipped (printed once). As root, the first
 * call downloads and unpacks the packages (a few seconds). */
export function dovecotUnavailable(): string | null {
  if (!availability) {
    availability = findDovecot();
    if (availability.reason) console.warn(availability.reason);
  }
  return availability.reason;
}

function findDovecot(): { launch: Launch | null; reason: string | null } {
  const skipped = (why: string) => ({ launch: null, reason: `Dovecot tests skipped: ${why}` });
  if (process.platform !== 'linux') return skipped(`they need Linux, this is ${process.platform}`);
  if (process.getuid?.() === 0) {
    let root: string;
    try {
      root = unpackDovecot();
    } catch (error) {
      return skipped(`could not fetch Dovecot from Debian's packages: ${firstLines(error)}`);
    }
    try {
      // Mounting the overlay as startDovecot will: a machine that refuses it is told here, not in a test.
      const probe = `${overlayCommand} && test -x /usr/sbin/dovecot`;
      execFileSync('unshare', ['--mount', 'sh', '-c', probe, 'sh', root], { stdio: 'pipe' });
      return { launch: { kind: 'private', root }, reason: null };
    } catch (error) {
      return skipped(
        `cannot run Dovecot in a private mount namespace (unshare, overlay): ${firstLines(error)}`,
      );
    }
  }
  if (!fs.existsSync('/usr/sbin/dovecot')) return skipped('not root and dovecot is not installed');
  const version = execFileSync('/usr/sbin/dovecot', ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith('2.3.')) {
    return skipped(`not root, and the installed Dovecot is ${version}; this harness writes 2.3 settings`);
  }
  return { launch: { kind: 'installed' }, reason: null };
}

/** Downloads and unpacks the packages once; test workers doing it at once each unpack, the first rename wins. */
function unpackDovecot(): string {
  const isUnpacked = () => fs.existsSync(join(unpacked, 'usr', 'sbin', 'dovecot'));
  if (isUnpacked()) return unpacked;
  fs.mkdirSync(cacheDir, { recursive: true });
  const work = fs.mkdtempSync(join(cacheDir, 'download-'));
  try {
    const download = () => execFileSync('apt-get', ['download', ...PACKAGES], { cwd: work, stdio: 'pipe' });
    try {
      download();
    } catch (error) {
      if (!/Unable to locate package|has no installation candidate/i.test(firstLines(error))) throw error;
      // A fresh machine has no package lists yet.
      execFileSync('apt-get', ['update'], { stdio: 'pipe' });
      download();
    }
    const tree = join(work, 'root');
    for (const deb of fs.readdirSync(work).filter((name) => name.endsWith('.deb'))) {
      execFileSync('dpkg-deb', ['-x', join(work, deb), tree], { stdio: 'pipe' });
    }
    try {
      fs.renameSync(tree, unpacked);
    } catch (error) {
      if (!isUnpacked()) throw error;
    }
    return unpacked;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function firstLines(error: unknown): string {
  const e = error as { stderr?: Buffer | string; message?: string };
  const text = (e.stderr ? String(e.stderr) : '') || e.message || String(error);
  return text.trim().split('\n').slice(0, 3).join(' ').slice(0, 500);
}

/** Starts Dovecot on free loopback ports; rejects with Dovecot's log when it does not come up. */
export async function startDovecot(options: DovecotOptions = {}): Promise<Dovecot> {
  const reason = dovecotUnavailable();
  const launch = availability?.launch;
  if (reason || !launch) throw new Error(reason ?? 'Dovecot is unavailable');
  // Ports are found free and then bound by Dovecot; another process may take one in between: try again.
  for (let attempt = 1; ; attempt++) {
    const dir = fs.mkdtempSync(join(tmpdir(), 'accord-dovecot-'));
    const port = await freePort();
    const tlsPort = options.tls ? await freePort() : undefined;
    try {
      return await startIn(dir, launch, options, port, tlsPort);
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      if (attempt >= 3 || !/Address already in use/.test(String(error))) throw error;
    }
  }
}

/** Who Dovecot's processes run as: login processes, its own (auth, log, …), and mail (never uid 0). */
interface RunAs {
  loginUser: string;
  internalUser: string;
  internalGroup: string;
  mailUid: number;
  mailGid: number;
}

function runAs(): RunAs {
  const id = (...args: string[]) => execFileSync('id', args, { encoding: 'utf8' }).trim();
  if (process.getuid?.() === 0) {
    const [mailUid, mailGid] = [Number(id('-u', 'nobody')), Number(id('-g', 'nobody'))];
    return { loginUser: 'nobody', internalUser: 'root', internalGroup: 'root', mailUid, mailGid };
  }
  const me = userInfo();
  return {
    loginUser: me.username,
    internalUser: me.username,
    internalGroup: id('-gn'),
    mailUid: me.uid,
    mailGid: me.gid,
  };
}

async function startIn(dir: string, launch: Launch, options: DovecotOptions, port: number, tlsPort?: number) {
  const users = options.users ?? {};
  const ids = runAs();
  // Login and mail processes run as another user than root and must reach their sockets and mail here.
  fs.chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(join(dir, sub));
  fs.chownSync(join(dir, 'mail'), ids.mailUid, ids.mailGid);
  const passwd = Object.entries(users).map(([user, password]) => `${user}:{PLAIN}${password}::::::\n`);
  fs.writeFileSync(join(dir, 'users'), passwd.join(''));
  if (options.tls) {
    fs.writeFileSync(join(dir, 'cert.pem'), options.tls.cert);
    fs.writeFileSync(join(dir, 'key.pem'), options.tls.key, { mode: 0o600 });
  }
  if (options.oauth2) fs.writeFileSync(join(dir, 'oauth2.conf.ext'), oauth2Settings(options.oauth2));
  const configFile = join(dir, 'dovecot.conf');
  fs.writeFileSync(configFile, settings(dir, ids, options, port, tlsPort));

  const dovecot = `${overlayCommand} && exec /usr/sbin/dovecot -F -c "$2"`;
  const [file, args] =
    launch.kind === 'private'
      ? ['unshare', ['--mount', 'sh', '-c', dovecot, 'sh', launch.root, configFile]]
      : ['/usr/sbin/dovecot', ['-F', '-c', configFile]];
  // Its own process group, so that close() ends Dovecot with every process it started.
  const server = watch(spawn(file, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] }));
  const log = () => {
    const file = join(dir, 'dovecot.log');
    return (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '') + server.stderr();
  };
  try {
    await waitForGreeting(port, server);
  } catch (error) {
    await server.stop();
    throw new Error(`Dovecot did not start: ${(error as Error).message}\n${log()}`);
  }

  const signIn = async (user: string) => {
    const pass = users[user];
    if (pass === undefined) throw new Error(`No password for ${user}; give one in startDovecot({ users })`);
    const client = new ImapFlow({
      host: HOST,
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user, pass },
      logger: false,
      disableAutoIdle: true,
    });
    await client.connect();
    return client;
  };
  const started: Dovecot = {
    host: HOST,
    port,
    ...(tlsPort === undefined ? {} : { tlsPort }),
    signIn,
    async deliver(user, raw, folder = 'INBOX') {
      const client = await signIn(user);
      try {
        if (folder.toUpperCase() !== 'INBOX') await client.mailboxCreate(folder);
        await client.append(folder, raw);
      } finally {
        await client.logout();
      }
    },
    async list(user, folder) {
      const client = await signIn(user);
      try {
        if (!(await client.list()).some((mailbox) => mailbox.path === folder)) return [];
        if ((await client.mailboxOpen(folder, { readOnly: true })).exists === 0) return [];
        const messages = await client.fetchAll('1:*', { uid: true, flags: true, envelope: true });
        return messages
          .map((m) => ({
            uid: m.uid,
            // \Recent only says which session saw the message first.
            flags: [...(m.flags ?? [])].filter((flag) => flag !== '\\Recent').sort(),
            subject: m.envelope?.subject ?? null,
          }))
          .sort((a, b) => a.uid - b.uid);
      } finally {
        await client.logout();
      }
    },
    log,
    async close() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return started;
}

/** RFC 7662 introspection: a POST of token=…, answered {"active": true, "username": …} for a good token. */
const oauth2Settings = (oauth2: { introspectionUrl: string }) => `introspection_mode = post
introspection_url = ${oauth2.introspectionUrl}
username_attribute = username
active_attribute = active
active_value = true
timeout_msecs = 5000
`;

function settings(dir: string, ids: RunAs, options: DovecotOptions, port: number, tlsPort?: number): string {
  const oauth = options.oauth2 && (options.oauth2.mechanisms ?? ['xoauth2', 'oauthbearer']).join(' ');
  const tls = options.tls
    ? `ssl = yes\nssl_cert = <${dir}/cert.pem\nssl_key = <${dir}/key.pem\nssl_min_protocol = TLSv1.2`
    : 'ssl = no';
  const oauthPassdb = oauth
    ? `passdb {\n  driver = oauth2\n  mechanisms = ${oauth}\n  args = ${dir}/oauth2.conf.ext\n}`
    : '';
  return `# Written by test/dovecot.ts for one test run.
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
auth_verbose = yes
# Refused sign-ins are answered at once (by default Dovecot waits 2 s to slow down guessing).
auth_failure_delay = 0
protocols = imap
listen = ${HOST}
default_login_user = ${ids.loginUser}
default_internal_user = ${ids.internalUser}
default_internal_group = ${ids.internalGroup}
first_valid_uid = ${ids.mailUid}
mail_location = maildir:~/Maildir
# Loopback clients may sign in without TLS; the TLS tests use STARTTLS or the implicit TLS port.
disable_plaintext_auth = no
auth_mechanisms = plain login${oauth ? ` ${oauth}` : ''}
${tls}
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/users
  mechanisms = plain login
}
${oauthPassdb}
userdb {
  driver = static
  args = uid=${ids.mailUid} gid=${ids.mailGid} home=${dir}/mail/%u
}
# No chroots: a plain user cannot chroot, and as root there is nothing here to shield.
service imap-login {
  chroot =
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = ${tlsPort ?? 0}
  }
}
service anvil {
  chroot =
  # Without this socket auth keeps no penalty; else a refused sign-in slows later ones by seconds.
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`;
}

function watch(child: ChildProcess) {
  let stderr = '';
  let hasExited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      hasExited = true;
      resolve();
    });
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  // A test process that ends without close() must not leave Dovecot behind.
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);
  return {
    hasExited: () => hasExited,
    stderr: () => stderr,
    async stop() {
      process.off('exit', onExit);
      if (!hasExited) {
        killGroup('SIGTERM');
        const timer = setTimeout(() => killGroup('SIGKILL'), 3000);
        await exit;
        clearTimeout(timer);
      }
      // Children still winding down after the master left.
      killGroup('SIGKILL');
    },
  };
}

/** Resolves once the server greets on `port` as ready: Dovecot is up and its auth process answers. */
async function waitForGreeting(port: number, server: { hasExited: () => boolean }): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (server.hasExited()) throw new Error('Dovecot exited');
    if (await greetsAsReady(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no IMAP greeting on ${HOST}:${port} within 10 s`);
}

function greetsAsReady(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    let text = '';
    const done = (isReady: boolean) => {
      socket.destroy();
      resolve(isReady);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('end', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      // While auth is starting, "* OK Waiting for authentication process to respond.." comes first.
      if (/^\* OK .*ready/m.test(text)) done(true);
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
