// Secrets Accord must read back (TOTP secrets, SSO client secrets) are sealed at rest with AES-256-GCM
// under the install's secret key, bound to what they belong to, so a database dump alone reveals none
// of them and a sealed value copied onto another row does not open.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SecretBox {
  /** `context` names the owner ("totp:<identity id>"); open() needs the same one. */
  seal(plain: string, context: string): string;
  /** Throws when the value was sealed under another key or context, or was altered. */
  open(sealed: string, context: string): string;
}

const VERSION = 'v1';

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes.');
  return {
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed, context) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('Not a sealed secret.');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

/** A key for this process only: what is sealed with it cannot be opened after a restart (tests). */
export function ephemeralSecretBox(): SecretBox {
  return createSecretBox(randomBytes(32));
}

export const SECRET_KEY_FILE = 'secret.key';

/**
 * The install's key: SECRET_KEY when set (every app node of a scaled-out install must share it), else
 * DATA_DIR/secret.key, made with mode 0600 on first start. Back it up with the database: without it
 * sealed secrets cannot be opened (people then sign in with recovery codes; SSO secrets are re-entered).
 */
export function loadSecretKey(config: { SECRET_KEY?: string; DATA_DIR: string }): Buffer {
  if (config.SECRET_KEY) return createHash('sha256').update(config.SECRET_KEY).digest();
  const file = join(config.DATA_DIR, SECRET_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(config.DATA_DIR, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  const text = readFileSync(file, 'utf8').trim();
  const key = Buffer.from(text, 'base64url');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key; restore it from your backup.`);
  return key;
}
