import { generateSigningKey } from './note-keys';
import { parseCheckpoint, parseNote, signCheckpoint, signNote, verifyCheckpoint, verifyNote } from './signed-note';

// Go's golang.org/x/mod/sumdb/note test note, key pair and signatures.
const GO_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_SIGNER_KEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_PETER_SIGNATURE =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const GO_ENOCH_SIGNATURE =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

const ORIGIN = 'alignment-ledger.example/log';
const ROOT = Buffer.from('0a'.repeat(32), 'hex');
const keys = generateSigningKey(ORIGIN);
const otherKeys = generateSigningKey('witness.example');

describe('signed notes', () => {
  it('sign exactly as Go does, byte for byte', () => {
    expect(signNote(GO_TEXT, GO_SIGNER_KEY)).toBe(`${GO_TEXT}\n${GO_PETER_SIGNATURE}`);
  });

  it('verify a Go-signed note and ignore signatures by keys they were not asked about', () => {
    const note = `${GO_TEXT}\n${GO_PETER_SIGNATURE}${GO_ENOCH_SIGNATURE}`;
    const opened = verifyNote(note, GO_VERIFIER_KEY);
    expect(opened.text).toBe(GO_TEXT);
    expect(opened.signatures.map((s) => s.keyName)).toEqual(['PeterNeumann', 'EnochRoot']);
  });

  it('reject a note without a signature by the trusted key, naming who did sign it', () => {
    const attempt = () => verifyNote(`${GO_TEXT}\n${GO_ENOCH_SIGNATURE}`, GO_VERIFIER_KEY);
    expect(attempt).toThrow(expect.objectContaining({ code: 'note.unknown-key' }));
    expect(attempt).toThrow(/EnochRoot\+af0cfe78/);
  });

  it('reject a note whose text changed after signing', () => {
    const note = `${GO_TEXT.replace('problem,', 'problem;')}\n${GO_PETER_SIGNATURE}`;
    expect(() => verifyNote(note, GO_VERIFIER_KEY)).toThrow(expect.objectContaining({ code: 'note.bad-signature' }));
  });

  it('reject a note when any of several signatures by the trusted key fails', () => {
    const forged = GO_PETER_SIGNATURE.slice(0, 60) + 'ABCD' + GO_PETER_SIGNATURE.slice(60);
    expect(() => verifyNote(`${GO_TEXT}\n${GO_PETER_SIGNATURE}${forged}`, GO_VERIFIER_KEY)).toThrow(
      expect.objectContaining({ code: 'note.bad-signature' }),
    );
  });

  it.each([
    ['no signature block', GO_TEXT],
    ['an empty signature block', `${GO_TEXT}\n`],
    ['no final newline', `${GO_TEXT}\n${GO_PETER_SIGNATURE.trimEnd()}`],
    ['a control character', `\u0001${GO_TEXT}\n${GO_PETER_SIGNATURE}`],
    ['a carriage return', `${GO_TEXT.replace('\n', '\r\n')}\n${GO_PETER_SIGNATURE}`],
    ['a lone surrogate', `\ud800${GO_TEXT}\n${GO_PETER_SIGNATURE}`],
    ['a key name with a space', `${GO_TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`],
    ['a trailing space on a signature line', `${GO_TEXT}\n${GO_PETER_SIGNATURE.trimEnd()} \n`],
    ['a hyphen instead of the em dash', `${GO_TEXT}\n${GO_PETER_SIGNATURE.replace('—', '-')}`],
    ['a line after the signatures that is no signature', `${GO_TEXT}\n${GO_PETER_SIGNATURE}Unexpected line.\n`],
    ['base64 without its padding', `${GO_TEXT}\n${GO_PETER_SIGNATURE.replace('=\n', '\n')}`],
    ['101 signatures', `${GO_TEXT}\n${GO_PETER_SIGNATURE.repeat(101)}`],
  ])('refuse a note with %s as malformed', (_, note) => {
    expect(() => verifyNote(note, GO_VERIFIER_KEY)).toThrow(expect.objectContaining({ code: 'note.malformed', field: 'note' }));
  });

  it('accept up to 100 signatures', () => {
    expect(parseNote(`${GO_TEXT}\n${GO_PETER_SIGNATURE.repeat(100)}`).signatures).toHaveLength(100);
  });

  it('refuse to sign a text without a final newline', () => {
    expect(() => signNote('no newline', GO_SIGNER_KEY)).toThrow(expect.objectContaining({ code: 'note.malformed' }));
  });
});

describe('checkpoints', () => {
  it('are written in the C2SP tlog-checkpoint form', () => {
    const note = signCheckpoint({ origin: ORIGIN, treeSize: 1048576, rootHash: ROOT }, keys.signerKey);
    const [text, signatureLine] = note.split('\n\n');
    expect(text).toBe(`${ORIGIN}\n1048576\n${ROOT.toString('base64')}`);
    expect(signatureLine).toMatch(new RegExp(`^— ${ORIGIN} [A-Za-z0-9+/]{91}=\n$`));
  });

  it('verify to the origin, size, root and extensions that were signed', () => {
    const note = signCheckpoint({ origin: ORIGIN, treeSize: 42, rootHash: ROOT, extensions: ['sealed-at 2025-03-01T00:00:00Z'] }, keys.signerKey);
    expect(verifyCheckpoint(note, keys.verifierKey)).toEqual({
      origin: ORIGIN,
      treeSize: 42,
      rootHash: ROOT,
      extensions: ['sealed-at 2025-03-01T00:00:00Z'],
    });
  });

  it('still verify when a witness adds its cosignature', () => {
    const note = signCheckpoint({ origin: ORIGIN, treeSize: 0, rootHash: ROOT }, keys.signerKey);
    const witnessLine = signNote(parseNote(note).text, otherKeys.signerKey).split('\n\n')[1];
    expect(verifyCheckpoint(`${note}${witnessLine}`, keys.verifierKey).treeSize).toBe(0);
  });

  it('parse the example of the C2SP specification without verifying it', () => {
    const example =
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n' +
      '— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n';
    const checkpoint = parseCheckpoint(example);
    expect([checkpoint.origin, checkpoint.treeSize, checkpoint.rootHash.toString('base64')]).toEqual([
      'example.com/behind-the-sofa',
      20852163,
      'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=',
    ]);
    expect(checkpoint.signatures[0]?.signature).toHaveLength(64);
  });

  it('reject a checkpoint whose tree size was changed', () => {
    const note = signCheckpoint({ origin: ORIGIN, treeSize: 42, rootHash: ROOT }, keys.signerKey);
    expect(() => verifyCheckpoint(note.replace('\n42\n', '\n43\n'), keys.verifierKey)).toThrow(
      expect.objectContaining({ code: 'note.bad-signature' }),
    );
  });

  it('reject a checkpoint signed by another key as unknown', () => {
    const note = signCheckpoint({ origin: ORIGIN, treeSize: 42, rootHash: ROOT }, otherKeys.signerKey);
    expect(() => verifyCheckpoint(note, keys.verifierKey)).toThrow(expect.objectContaining({ code: 'note.unknown-key' }));
  });

  it.each([
    ['only two lines', `${ORIGIN}\n42\n`],
    ['a tree size with a leading zero', `${ORIGIN}\n042\n${ROOT.toString('base64')}\n`],
    ['a negative tree size', `${ORIGIN}\n-1\n${ROOT.toString('base64')}\n`],
    ['a tree size beyond 2^53', `${ORIGIN}\n9007199254740993\n${ROOT.toString('base64')}\n`],
    ['a trailing space after the origin', `${ORIGIN} \n42\n${ROOT.toString('base64')}\n`],
    ['a root hash of 31 bytes', `${ORIGIN}\n42\n${ROOT.subarray(1).toString('base64')}\n`],
    ['a root hash in base64url', `${ORIGIN}\n42\n${Buffer.alloc(32, 0xfb).toString('base64url')}=\n`],
    ['an empty extension line', `${ORIGIN}\n42\n${ROOT.toString('base64')}\n\nextension\n`],
  ])('reject a correctly signed checkpoint with %s', (_, text) => {
    const note = signNote(text, keys.signerKey);
    expect(() => verifyCheckpoint(note, keys.verifierKey)).toThrow(expect.objectContaining({ code: 'checkpoint.malformed' }));
  });

  it.each([
    ['origin', { origin: 'two\nlines', treeSize: 1, rootHash: ROOT }],
    ['treeSize', { origin: ORIGIN, treeSize: -1, rootHash: ROOT }],
    ['rootHash', { origin: ORIGIN, treeSize: 1, rootHash: Buffer.alloc(20) }],
    ['extensions[0]', { origin: ORIGIN, treeSize: 1, rootHash: ROOT, extensions: [''] }],
  ])('refuse to sign a checkpoint with an invalid %s', (field, checkpoint) => {
    expect(() => signCheckpoint(checkpoint, keys.signerKey)).toThrow(expect.objectContaining({ code: 'checkpoint.invalid', field }));
  });
});
