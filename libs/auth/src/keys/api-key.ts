/**
 * API keys: `alk_<keyId>_<secret>`. The key id is public (it names the key in the admin
 * API and in logs); the secret is 32 random bytes, base64url, and is shown once, when the
 * key is issued. Only the SHA-256 of the secret is stored.
 *
 * Why SHA-256 and not bcrypt or argon2: slow hashes protect low-entropy passwords from
 * guessing. A 256-bit random secret cannot be guessed whatever the hash, so a fast hash
 * loses nothing and keeps verifying a key cheap on every request. The comparison is in
 * constant time so that response timing does not reveal how much of a forgery matched.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_PREFIX = 'alk';
const KEY_ID_BYTES = 9;
const SECRET_BYTES = 32;
const API_KEY_PATTERN = /^alk_([0-9a-f]{18})_([A-Za-z0-9_-]{43})$/;

export interface ParsedApiKey {
  keyId: string;
  secret: string;
}

export interface GeneratedApiKey extends ParsedApiKey {
  /** The whole key, for the caller; never stored. */
  apiKey: string;
}

export function generateApiKey(): GeneratedApiKey {
  const keyId = randomBytes(KEY_ID_BYTES).toString('hex');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { keyId, secret, apiKey: `${KEY_PREFIX}_${keyId}_${secret}` };
}

/** The key id and secret of a well-formed key; null for anything else. */
export function parseApiKey(candidate: string): ParsedApiKey | null {
  const match = API_KEY_PATTERN.exec(candidate);
  return match ? { keyId: match[1] as string, secret: match[2] as string } : null;
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export function secretMatches(secret: string, storedSha256: Buffer): boolean {
  const presented = hashSecret(secret);
  return storedSha256.length === presented.length && timingSafeEqual(presented, storedSha256);
}
