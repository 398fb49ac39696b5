import { createCipheriv, createDecipheriv, randomBytes, randomInt } from 'node:crypto';
import argon2 from 'argon2';
import { generateSecret, generateURI, verify } from 'otplib';

// The TOTP secret at rest: AES-256-GCM under SECOND_FACTOR_KEY, so a copy of the database (a backup, a
// leaked dump) does not let anyone compute codes. Without a key (a developer's machine) it is stored as
// is, marked so, and the server warns at start.
const ENCRYPTED = 'v1.';
const PLAIN = 'plain.';

export function sealSecret(secret: string, key: Buffer | null): string {
  if (!key) return PLAIN + secret;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ENCRYPTED + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function openSecret(stored: string, key: Buffer | null): string {
  if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
  if (!stored.startsWith(ENCRYPTED)) throw new Error('unknown format of a stored second-factor secret');
  if (!key) throw new Error('a second-factor secret is encrypted but SECOND_FACTOR_KEY is not set');
  const raw = Buffer.from(stored.slice(ENCRYPTED.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export const newTotpSecret = (): string => generateSecret();

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountName: string): string {
  return generateURI({ issuer: 'giamsat', label: accountName, secret });
}

/**
 * The time step a 6-digit code is valid for (one step either side, for a phone's clock a little off),
 * or null. A step at or before `afterTimeStep` is refused: a code is not accepted twice.
 */
export async function checkTotp(secret: string, code: string, afterTimeStep: number | null): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epochTolerance: 30,
    ...(afterTimeStep === null ? {} : { afterTimeStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

// Recovery codes: ten of them, 10 characters from an alphabet without look-alikes (about 50 bits
// each), shown once as xxxxx-xxxxx and kept as argon2id hashes.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** As typed: case, spaces and the dash do not matter. */
export const normaliseRecoveryCode = (code: string): string => code.toLowerCase().replace(/[\s-]/g, '');

// The codes are random, not chosen by people: argon2id's lighter OWASP setting (19 MiB, t=2) is
// enough, and checking ten of them at a sign-in stays quick.
const RECOVERY_HASH = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2 } as const;

export const hashRecoveryCode = (code: string): Promise<string> =>
  argon2.hash(normaliseRecoveryCode(code), RECOVERY_HASH);

export async function recoveryCodeMatches(hash: string, code: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, normaliseRecoveryCode(code));
  } catch {
    return false;
  }
}
