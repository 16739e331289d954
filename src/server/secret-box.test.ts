import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretBox, ephemeralSecretBox, loadSecretKey, SECRET_KEY_FILE } from './secret-box.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('secret box', () => {
  it('opens what it sealed, only under the same key and context', () => {
    const box = ephemeralSecretBox();
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp:ana');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP', 'totp:ana')).not.toBe(sealed);
    expect(box.open(sealed, 'totp:ana')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open(sealed, 'totp:bob')).toThrow();
    expect(() => ephemeralSecretBox().open(sealed, 'totp:ana')).toThrow();
    const [version, iv, tag, body] = sealed.split('.');
    const flipped = `${body!.slice(0, -2)}${body!.endsWith('A') ? 'B' : 'A'}${body!.slice(-1)}`;
    expect(() => box.open([version, iv, tag, flipped].join('.'), 'totp:ana')).toThrow();
  });

  it('makes the key file once with mode 0600 and reads the same key after', () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-key-'));
    dirs.push(dir);
    const dataDir = join(dir, 'data');
    const first = loadSecretKey({ DATA_DIR: dataDir });
    const file = join(dataDir, SECRET_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSecretKey({ DATA_DIR: dataDir })).toEqual(first);
    const sealed = createSecretBox(first).seal('x', 'c');
    expect(createSecretBox(loadSecretKey({ DATA_DIR: dataDir })).open(sealed, 'c')).toBe('x');
    expect(readFileSync(file, 'utf8').trim()).toHaveLength(43);
  });

  it('prefers SECRET_KEY, so every app node opens the same secrets', () => {
    const key = 'a shared secret key of at least 32 characters';
    expect(loadSecretKey({ SECRET_KEY: key, DATA_DIR: '/nonexistent' })).toEqual(
      loadSecretKey({ SECRET_KEY: key, DATA_DIR: '/elsewhere' }),
    );
  });
});
