// Tests that change this machine (install packages, add users) and the test that needs it unchanged between
// two looks take turns, across the test workers: a lock directory naming its holder's process.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOCK = join(tmpdir(), 'accord-tests-machine.lock');
/** A lock whose holder never wrote its process id this long after taking it was left by a crash. */
const UNNAMED_STALE_MS = 30_000;

async function holderIsGone(): Promise<boolean> {
  const pid = Number(await readFile(join(LOCK, 'pid'), 'utf8').catch(() => ''));
  if (!pid) {
    const since = await stat(LOCK).then(
      (s) => s.mtimeMs,
      () => Date.now(),
    );
    return Date.now() - since > UNNAMED_STALE_MS;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

/** Waits for the machine, up to `seconds`; answers the function that gives it back. */
export async function holdMachine(seconds = 600): Promise<() => Promise<void>> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      await mkdir(LOCK);
      await writeFile(join(LOCK, 'pid'), String(process.pid));
      return () => rm(LOCK, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await holderIsGone()) {
      await rm(LOCK, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another test kept the machine for over ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
