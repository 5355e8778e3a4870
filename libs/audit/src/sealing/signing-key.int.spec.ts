/** The signing key on a real file system: generated once with owner-only access, reused, or taken from the configuration. */
import { generateSigningKey, signCheckpoint, verifyCheckpoint } from '@ledger/integrity';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSigningKeys, verifierKeyOf } from './signing-key';

describe('the checkpoint signing key', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'audit-key-'));
  });

  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('is generated on first start into a file only its owner can read, and reused after', async () => {
    const keyFile = join(directory, 'audit', 'signer.key');

    const first = await loadSigningKeys({ keyFile, keyName: 'alignment-ledger.local/ledger' });
    const second = await loadSigningKeys({ keyFile, keyName: 'alignment-ledger.local/ledger' });

    expect(first.source).toBe('generated');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await readFile(keyFile, 'utf8')).trim()).toBe(first.signerKey);
    expect(second).toEqual({ ...first, source: 'file' });
  });

  it('comes from the configuration when one is given, and no file is written', async () => {
    const configured = generateSigningKey('alignment-ledger.example/ledger');

    const keys = await loadSigningKeys({ signerKey: configured.signerKey, keyFile: join(directory, 'signer.key'), keyName: 'ignored' });

    expect(keys).toEqual({ ...configured, source: 'environment' });
    await expect(stat(join(directory, 'signer.key'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('derives the public verifier key that checks what the signer key signed', () => {
    const { signerKey, verifierKey } = generateSigningKey('alignment-ledger.local/ledger');
    const note = signCheckpoint({ origin: 'alignment-ledger.local/ledger', treeSize: 1, rootHash: Buffer.alloc(32, 7) }, signerKey);

    expect(verifierKeyOf(signerKey)).toBe(verifierKey);
    expect(verifyCheckpoint(note, verifierKeyOf(signerKey)).treeSize).toBe(1);
  });

  it('refuses a malformed configured key with the integrity library\'s reason', async () => {
    await expect(loadSigningKeys({ signerKey: 'PRIVATE+KEY+broken', keyFile: join(directory, 'k'), keyName: 'x' })).rejects.toMatchObject({
      code: 'key.malformed',
    });
  });
});
