/**
 * The Ed25519 key that signs the ledger's checkpoints, and the public verifier key
 * auditors pin. In production the signer key comes from the environment
 * (`AUDIT_SIGNER_KEY`, a C2SP signer key string); on a developer's machine, when it is
 * absent, one is generated on first start and kept in a file readable by its owner
 * only (mode 600), so checkpoints stay verifiable across restarts. The signer key is
 * never logged or returned: only the verifier key leaves this module's callers.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { formatKeyId, generateSigningKey, parseSignerKey, parseVerifierKey } from '@ledger/integrity';

export interface SigningKeys {
  /** Secret. */
  signerKey: string;
  /** Public: `GET /audit/verifier-key`. */
  verifierKey: string;
  /** Where the signer key came from, for the start-up log (never the key itself). */
  source: 'environment' | 'file' | 'generated';
}

export interface SigningKeySource {
  /** The configured signer key; empty or undefined to use (or create) the key file. */
  signerKey?: string;
  keyFile: string;
  /** The key's name when one is generated: the log's origin, as C2SP checkpoints name their signer. */
  keyName: string;
}

/** RFC 8410 PKCS#8 header for a bare 32-byte Ed25519 seed. */
const PKCS8_ED25519_SEED_HEADER = Buffer.from('302e020100300506032b657004220420', 'hex');

export async function loadSigningKeys(source: SigningKeySource): Promise<SigningKeys> {
  if (source.signerKey) return { ...keysOf(source.signerKey), source: 'environment' };
  const stored = await readKeyFile(source.keyFile);
  if (stored !== null) return { ...keysOf(stored), source: 'file' };
  const generated = generateSigningKey(source.keyName).signerKey;
  if (!(await createKeyFile(source.keyFile, generated))) {
    // Another instance created it first: use theirs, so both sign with one key.
    return { ...keysOf((await readKeyFile(source.keyFile))!), source: 'file' };
  }
  return { ...keysOf(generated), source: 'generated' };
}

/** The public verifier key of a signer key (`<name>+<key id>+<base64(0x01 || public key)>`). */
export function verifierKeyOf(signerKey: string): string {
  const { name, keyId } = parseSignerKey(signerKey);
  const seed = Buffer.from(signerKey.split('+').slice(4).join('+'), 'base64').subarray(1);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_SEED_HEADER, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x!, 'base64url');
  const verifierKey = `${name}+${formatKeyId(keyId)}+${Buffer.concat([Buffer.from([0x01]), publicKey]).toString('base64')}`;
  parseVerifierKey(verifierKey);
  return verifierKey;
}

function keysOf(signerKey: string): Omit<SigningKeys, 'source'> {
  return { signerKey, verifierKey: verifierKeyOf(signerKey) };
}

async function readKeyFile(path: string): Promise<string | null> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** False when the file already exists. */
async function createKeyFile(path: string, signerKey: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, `${signerKey}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  // The process umask may have widened the mode given at creation.
  await chmod(path, 0o600);
  return true;
}
