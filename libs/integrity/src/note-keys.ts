/**
 * Ed25519 keys for signed notes, in the text forms of Go's `golang.org/x/mod/sumdb/note`
 * (the reference implementation of c2sp.org/signed-note), so keys move freely between
 * the ledger, Go tooling and auditors' scripts:
 *
 *     verifier key  <name>+<key id, 8 hex>+<base64(0x01 || 32-byte public key)>
 *     signer key    PRIVATE+KEY+<name>+<key id, 8 hex>+<base64(0x01 || 32-byte seed)>
 *
 * The key id is the first four bytes (big-endian) of
 * SHA-256(name || 0x0A || 0x01 || public key). The signer key is a secret: whoever
 * holds it can sign checkpoints in the ledger's name.
 */
import { KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { IntegrityError } from './integrity-error';
import { decodeStrictBase64 } from './strict-base64';

const ED25519 = 0x01;
const ED25519_KEY_SIZE = 32;
const ED25519_SIGNATURE_SIZE = 64;
/** RFC 8410 PKCS#8 header for a bare 32-byte Ed25519 seed: how Node imports one. */
const PKCS8_ED25519_SEED_HEADER = Buffer.from('302e020100300506032b657004220420', 'hex');
const KEY_ID_PATTERN = /^[0-9a-fA-F]{8}$/;

export interface SigningKeyPair {
  /** Secret: `PRIVATE+KEY+<name>+<id>+<base64 seed>`. */
  signerKey: string;
  /** Public: give it to auditors. */
  verifierKey: string;
}

export interface NoteKeyIdentity {
  name: string;
  /** The uint32 key id. */
  keyId: number;
}

export interface NoteVerifier extends NoteKeyIdentity {
  verify(message: Buffer, signature: Buffer): boolean;
}

export interface NoteSigner extends NoteKeyIdentity {
  sign(message: Buffer): Buffer;
}

export function generateSigningKey(name: string): SigningKeyPair {
  assertKeyName(name, 'name');
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d!, 'base64url');
  const publicKey = Buffer.from(jwk.x!, 'base64url');
  const keyId = formatKeyId(noteKeyId(name, publicKey));
  return {
    signerKey: `PRIVATE+KEY+${name}+${keyId}+${withAlgorithm(seed).toString('base64')}`,
    verifierKey: `${name}+${keyId}+${withAlgorithm(publicKey).toString('base64')}`,
  };
}

export function parseVerifierKey(verifierKey: string): NoteVerifier {
  const [name = '', keyIdHex = '', ...rest] = verifierKey.split('+');
  if (!isValidKeyName(name) || !KEY_ID_PATTERN.test(keyIdHex)) {
    throw malformedKey('verifierKey', 'it is not <name>+<8 hex digit key id>+<base64 key>');
  }
  const publicKey = ed25519KeyBytes(decodeStrictBase64(rest.join('+')), 'verifierKey', 'public key');
  const keyId = parseInt(keyIdHex, 16);
  if (keyId !== noteKeyId(name, publicKey)) {
    throw malformedKey('verifierKey', `its key id ${keyIdHex} does not match the name and public key`);
  }
  const keyObject = importPublicKey(publicKey);
  return {
    name,
    keyId,
    verify: (message, signature) =>
      signature.length === ED25519_SIGNATURE_SIZE && verify(null, message, keyObject, signature),
  };
}

export function parseSignerKey(signerKey: string): NoteSigner {
  const [private1, private2, name = '', keyIdHex = '', ...rest] = signerKey.split('+');
  if (private1 !== 'PRIVATE' || private2 !== 'KEY' || !isValidKeyName(name) || !KEY_ID_PATTERN.test(keyIdHex)) {
    throw malformedKey('signerKey', 'it is not PRIVATE+KEY+<name>+<8 hex digit key id>+<base64 seed>');
  }
  const seed = ed25519KeyBytes(decodeStrictBase64(rest.join('+')), 'signerKey', 'seed');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_SEED_HEADER, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x!, 'base64url');
  const keyId = parseInt(keyIdHex, 16);
  if (keyId !== noteKeyId(name, publicKey)) {
    throw malformedKey('signerKey', `its key id ${keyIdHex} does not match the name and the key derived from the seed`);
  }
  return { name, keyId, sign: (message) => sign(null, message, privateKey) };
}

/** SHA-256(name || 0x0A || 0x01 || public key), first four bytes, big-endian. */
export function noteKeyId(name: string, ed25519PublicKey: Buffer): number {
  return createHash('sha256').update(name).update('\n').update(withAlgorithm(ed25519PublicKey)).digest().readUInt32BE(0);
}

export function formatKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

/** Non-empty, no Unicode space, no `+` (it separates the parts of a key). */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s\u0085+]/u.test(name) && Buffer.from(name, 'utf8').toString('utf8') === name;
}

function assertKeyName(name: string, field: string): void {
  if (!isValidKeyName(name)) {
    throw new IntegrityError('key.invalid-name', `Key name "${name}" must be non-empty, without spaces or "+".`, field);
  }
}

function ed25519KeyBytes(encoded: Buffer | undefined, field: string, what: string): Buffer {
  if (encoded === undefined || encoded.length === 0) throw malformedKey(field, `its ${what} is not canonical base64`);
  if (encoded[0] !== ED25519) {
    throw new IntegrityError(
      'key.unsupported-algorithm',
      `The ${field} uses signature algorithm 0x${encoded[0]!.toString(16).padStart(2, '0')}; only Ed25519 (0x01) is supported.`,
      field,
    );
  }
  if (encoded.length !== 1 + ED25519_KEY_SIZE) throw malformedKey(field, `its ${what} is not ${ED25519_KEY_SIZE} bytes`);
  return encoded.subarray(1);
}

function importPublicKey(publicKey: Buffer): KeyObject {
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') }, format: 'jwk' });
  } catch {
    throw malformedKey('verifierKey', 'its public key is not a valid Ed25519 point');
  }
}

function withAlgorithm(key: Buffer): Buffer {
  return Buffer.concat([Buffer.from([ED25519]), key]);
}

function malformedKey(field: string, reason: string): IntegrityError {
  return new IntegrityError('key.malformed', `The ${field} is malformed: ${reason}.`, field);
}
