// Before the browser journeys: make sure Chromium and the built web app are there, or say how to get them.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

function canInstallWithApt(): boolean {
  return (
    process.platform === 'linux' &&
    process.getuid?.() === 0 &&
    existsSync('/usr/bin/apt-get') &&
    existsSync('/etc/debian_version')
  );
}

function ensureChromium() {
  const custom = process.env.CHROMIUM_PATH;
  if (custom) {
    if (!existsSync(custom))
      throw new Error(`CHROMIUM_PATH=${custom} does not exist; point it at a Chromium or Chrome binary.`);
    return;
  }
  if (existsSync(DEFAULT_CHROMIUM)) return;
  if (!canInstallWithApt()) {
    throw new Error(
      `Chromium was not found at ${DEFAULT_CHROMIUM}. Install it (Debian/Ubuntu: "apt-get install chromium") ` +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  console.log('[e2e] Chromium is missing; installing it with apt-get (one time)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
    stdio: 'inherit',
    env,
  });
  if (!existsSync(DEFAULT_CHROMIUM)) {
    throw new Error(
      `apt-get finished but ${DEFAULT_CHROMIUM} is still missing; install Chromium or set CHROMIUM_PATH.`,
    );
  }
}

function ensureWebBuild() {
  const index = fileURLToPath(new URL('../dist/web/index.html', import.meta.url));
  if (!existsSync(index)) {
    throw new Error(
      `The web app is not built (${index} is missing). Run "npm run build" (or "npx vite build") first.`,
    );
  }
}

export default function setup() {
  ensureWebBuild();
  ensureChromium();
}
