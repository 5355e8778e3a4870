/**
 * Signed checkpoints in the C2SP formats that transparency-log tooling reads:
 * https://c2sp.org/signed-note and https://c2sp.org/tlog-checkpoint.
 *
 *     alignment-ledger.example/log          <- origin
 *     1048576                               <- tree size, decimal, no leading zeros
 *     CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=   <- RFC 6962 root, base64
 *                                           <- blank line
 *     — alignment-ledger.example/log AbCd...   <- em dash, key name, base64(key id || Ed25519 signature)
 *
 * The signature covers the note text (the lines before the blank line, with their
 * final newline). Parsing is as strict as Go's `sumdb/note`: UTF-8 without control
 * characters, a final newline, at most 100 signatures, canonical base64. Beyond the
 * spec we also refuse checkpoint lines with trailing white space, which no honest
 * signer writes and a copy-paste could hide. Signatures by keys other than the one
 * asked for are ignored, as the spec requires (witness cosignatures, key rotation).
 */
import { IntegrityError } from './integrity-error';
import { HASH_SIZE, isHash } from './merkle';
import { formatKeyId, isValidKeyName, parseSignerKey, parseVerifierKey } from './note-keys';
import { decodeStrictBase64 } from './strict-base64';

export const MAX_NOTE_SIGNATURES = 100;

const SIGNATURE_LINE_PREFIX = '\u2014 ';
const CONTROL_CHARACTER = /[\u0000-\u0009\u000b-\u001f]/;
const DECIMAL_WITHOUT_LEADING_ZEROS = /^(?:0|[1-9][0-9]*)$/;
const TRAILING_SPACE = /\s$/u;

export interface NoteSignature {
  keyName: string;
  keyId: number;
  /** The signature bytes, without the 4-byte key id. */
  signature: Buffer;
}

export interface ParsedNote {
  /** The signed text, ending with its newline. */
  text: string;
  signatures: NoteSignature[];
}

export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
  extensions: string[];
}

export type CheckpointFields = Omit<Checkpoint, 'extensions'> & { extensions?: readonly string[] };

export interface UnverifiedCheckpoint extends Checkpoint {
  signatures: NoteSignature[];
}

export function signCheckpoint(checkpoint: CheckpointFields, signerKey: string): string {
  return signNote(checkpointText(checkpoint), signerKey);
}

/** Reads a checkpoint without checking any signature: for display and triage only. */
export function parseCheckpoint(note: string): UnverifiedCheckpoint {
  const { text, signatures } = parseNote(note);
  return { ...parseCheckpointText(text), signatures };
}

/** The checkpoint, once its signature by `verifierKey` is proven; throws an `IntegrityError` otherwise. */
export function verifyCheckpoint(note: string, verifierKey: string): Checkpoint {
  return parseCheckpointText(verifyNote(note, verifierKey).text);
}

export function signNote(text: string, signerKey: string): string {
  const signer = parseSignerKey(signerKey);
  if (!text.endsWith('\n')) throw malformedNote('its text does not end with a newline');
  assertNoteCharacters(text);
  const signature = Buffer.alloc(4);
  signature.writeUInt32BE(signer.keyId, 0);
  const signed = Buffer.concat([signature, signer.sign(Buffer.from(text, 'utf8'))]);
  return `${text}\n${SIGNATURE_LINE_PREFIX}${signer.name} ${signed.toString('base64')}\n`;
}

export function parseNote(note: string): ParsedNote {
  assertNoteCharacters(note);
  const separator = note.lastIndexOf('\n\n');
  if (separator < 0) throw malformedNote('it has no blank line between its text and its signatures');
  const signatureBlock = note.slice(separator + 2);
  if (signatureBlock === '' || !signatureBlock.endsWith('\n')) {
    throw malformedNote('its signature block is empty or does not end with a newline');
  }
  const lines = signatureBlock.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) {
    throw malformedNote(`it carries ${lines.length} signatures; at most ${MAX_NOTE_SIGNATURES} are accepted`);
  }
  return { text: note.slice(0, separator + 1), signatures: lines.map(parseSignatureLine) };
}

/** The note, once a signature by `verifierKey` is found and every one of them verifies. */
export function verifyNote(note: string, verifierKey: string): ParsedNote {
  const verifier = parseVerifierKey(verifierKey);
  const parsed = parseNote(note);
  const keyLabel = `${verifier.name}+${formatKeyId(verifier.keyId)}`;
  const ours = parsed.signatures.filter((s) => s.keyName === verifier.name && s.keyId === verifier.keyId);
  if (ours.length === 0) {
    const signers = parsed.signatures.map((s) => `${s.keyName}+${formatKeyId(s.keyId)}`).join(', ');
    throw new IntegrityError(
      'note.unknown-key',
      `The note carries no signature by the trusted key ${keyLabel}; it is signed only by ${signers}.`,
      'verifierKey',
    );
  }
  const message = Buffer.from(parsed.text, 'utf8');
  if (!ours.every((s) => verifier.verify(message, s.signature))) {
    throw new IntegrityError(
      'note.bad-signature',
      `The signature by ${keyLabel} does not match the note's text: the note was changed after it was signed, or forged.`,
      'note',
    );
  }
  return parsed;
}

function checkpointText(checkpoint: CheckpointFields): string {
  const { origin, treeSize, rootHash, extensions = [] } = checkpoint;
  assertCheckpointLine(origin, 'origin');
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) {
    throw invalidCheckpoint('treeSize', `Tree size ${treeSize} is not a whole number from 0 to 2^53-1.`);
  }
  if (!isHash(rootHash)) throw invalidCheckpoint('rootHash', `The root hash must be ${HASH_SIZE} bytes.`);
  extensions.forEach((line, i) => assertCheckpointLine(line, `extensions[${i}]`));
  return [origin, String(treeSize), rootHash.toString('base64'), ...extensions].map((line) => `${line}\n`).join('');
}

function parseCheckpointText(text: string): Checkpoint {
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw malformedCheckpoint('it has fewer than three lines (origin, tree size, root hash)');
  lines.forEach((line, i) => {
    if (line === '') throw malformedCheckpoint(`line ${i + 1} is empty`);
    if (TRAILING_SPACE.test(line)) throw malformedCheckpoint(`line ${i + 1} ends with white space`);
  });
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  const treeSize = Number(size);
  if (!DECIMAL_WITHOUT_LEADING_ZEROS.test(size) || !Number.isSafeInteger(treeSize)) {
    throw malformedCheckpoint(`its tree size "${size}" is not a decimal number without leading zeros below 2^53`);
  }
  const rootHash = decodeStrictBase64(root);
  if (rootHash === undefined || rootHash.length !== HASH_SIZE) {
    throw malformedCheckpoint(`its root hash "${root}" is not ${HASH_SIZE} bytes in canonical base64`);
  }
  return { origin, treeSize, rootHash, extensions };
}

function parseSignatureLine(line: string, index: number): NoteSignature {
  if (!line.startsWith(SIGNATURE_LINE_PREFIX)) {
    throw malformedNote(`signature line ${index + 1} does not start with an em dash (U+2014) and a space`);
  }
  const body = line.slice(SIGNATURE_LINE_PREFIX.length);
  const space = body.indexOf(' ');
  const keyName = space < 0 ? body : body.slice(0, space);
  const bytes = space < 0 ? undefined : decodeStrictBase64(body.slice(space + 1));
  // Four bytes of key id and at least one of signature.
  if (!isValidKeyName(keyName) || bytes === undefined || bytes.length < 5) {
    throw malformedNote(`signature line ${index + 1} is not "— <key name> <base64 of key id and signature>"`);
  }
  return { keyName, keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4) };
}

function assertNoteCharacters(note: string): void {
  if (CONTROL_CHARACTER.test(note)) throw malformedNote('it contains a control character other than newline');
  if (Buffer.from(note, 'utf8').toString('utf8') !== note) throw malformedNote('it is not valid UTF-8');
}

function assertCheckpointLine(line: string, field: string): void {
  if (line === '' || line.includes('\n') || TRAILING_SPACE.test(line) || CONTROL_CHARACTER.test(line)) {
    throw invalidCheckpoint(field, `The checkpoint's ${field} must be one non-empty line without trailing white space.`);
  }
}

function malformedNote(reason: string): IntegrityError {
  return new IntegrityError('note.malformed', `The signed note is malformed: ${reason}.`, 'note');
}

function malformedCheckpoint(reason: string): IntegrityError {
  return new IntegrityError('checkpoint.malformed', `The checkpoint is malformed: ${reason}.`, 'note');
}

function invalidCheckpoint(field: string, message: string): IntegrityError {
  return new IntegrityError('checkpoint.invalid', message, field);
}
