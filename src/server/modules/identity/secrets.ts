// Random tokens and password hashing. Hash outside transactions: argon2 takes tens of milliseconds.
import { hash, verify } from '@node-rs/argon2';
import { newSecret } from '../../crypto.ts';

export { newSecret, sha256 } from '../../crypto.ts';

// argon2id with OWASP's second recommended profile (19 MiB, 2 passes).
const argonOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spend the same time on an unknown email as on a wrong password, so login does not reveal accounts. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(newSecret());
  await verifyPassword(await dummyHash, password);
}
