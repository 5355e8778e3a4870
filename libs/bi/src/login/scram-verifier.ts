/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802, RFC 7677):
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`. Computing it here, as
 * psql's \password does, means the password itself never reaches the server, so it
 * cannot end up in a statement log. PostgreSQL recognises the form and stores it as is.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/** PostgreSQL's default `scram_iterations`. */
export const SCRAM_ITERATIONS = 4096;
const SALT_BYTES = 16;
const PRINTABLE_ASCII = /^[\x20-\x7E]+$/;

export interface ScramKeys {
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

/**
 * PostgreSQL normalises passwords with SASLprep before hashing; for printable ASCII
 * that is the identity, so only such passwords are accepted, and the verifier always
 * matches what a client sends.
 */
export function assertScramPassword(password: string): void {
  if (password.length < 16 || !PRINTABLE_ASCII.test(password)) {
    throw new Error('A BI login password must be at least 16 printable ASCII characters.');
  }
}

export function scramKeys(password: string, salt: Buffer, iterations = SCRAM_ITERATIONS): ScramKeys {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  return {
    storedKey: createHash('sha256').update(clientKey).digest(),
    serverKey: createHmac('sha256', salted).update('Server Key').digest(),
  };
}

export function scramVerifier(password: string, salt: Buffer = randomBytes(SALT_BYTES), iterations = SCRAM_ITERATIONS): string {
  assertScramPassword(password);
  const { storedKey, serverKey } = scramKeys(password, salt, iterations);
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
