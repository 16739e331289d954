import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  matchTotp,
  newTotpSecret,
  otpauthUri,
  totpCode,
  totpStep,
} from './totp.ts';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", 8 digits.
const rfcSecret = base32Encode(Buffer.from('12345678901234567890'));
const rfcVectors: [number, string][] = [
  [59, '94287082'],
  [1_111_111_109, '07081804'],
  [1_111_111_111, '14050471'],
  [1_234_567_890, '89005924'],
  [2_000_000_000, '69279037'],
  [20_000_000_000, '65353130'],
];

describe('TOTP', () => {
  it('matches the RFC 6238 test vectors', () => {
    expect(rfcSecret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    for (const [seconds, code] of rfcVectors) {
      expect(totpCode(rfcSecret, totpStep(new Date(seconds * 1000)), 8)).toBe(code);
    }
  });

  it('round-trips base32 and makes 160-bit secrets', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(base32Decode(newTotpSecret())).toHaveLength(20);
    expect(() => base32Decode('not base32!')).toThrow();
  });

  it('accepts the codes of the neighbouring steps, once each, and nothing else', () => {
    const secret = newTotpSecret();
    const at = new Date('2026-11-22T09:00:10Z');
    const step = totpStep(at);
    expect(matchTotp(secret, totpCode(secret, step), at, null)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, step - 1), at, null)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, step + 1), at, null)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, step + 2), at, null)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, step - 2), at, null)).toBeNull();
    // A step at or before the last one used is spent.
    expect(matchTotp(secret, totpCode(secret, step), at, step)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, step + 1), at, step)).toBe(step + 1);
    const code = totpCode(secret, step);
    expect(matchTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, at, null)).toBe(step);
    expect(matchTotp(secret, 'abcdef', at, null)).toBeNull();
  });

  it('writes the URI authenticator apps scan', () => {
    const uri = new URL(otpauthUri('JBSWY3DPEHPK3PXP', 'ana@northwind.test', 'Accord'));
    expect(`${uri.protocol}//${uri.host}`).toBe('otpauth://totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Accord:ana@northwind.test');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'Accord',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
