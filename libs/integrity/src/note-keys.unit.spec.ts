import { formatKeyId, generateSigningKey, noteKeyId, parseSignerKey, parseVerifierKey } from './note-keys';

// The key pair of Go's golang.org/x/mod/sumdb/note documentation and tests.
const GO_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_SIGNER_KEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';

describe('note keys', () => {
  it('read the verifier and signer keys written by Go tooling', () => {
    const verifier = parseVerifierKey(GO_VERIFIER_KEY);
    const signer = parseSignerKey(GO_SIGNER_KEY);
    expect([verifier.name, formatKeyId(verifier.keyId)]).toEqual(['PeterNeumann', 'c74f20a3']);
    expect([signer.name, signer.keyId]).toEqual([verifier.name, verifier.keyId]);
    const message = Buffer.from('hi');
    expect(verifier.verify(message, signer.sign(message))).toBe(true);
  });

  it('generate a pair in the Go formats whose key id is derived from the name and public key', () => {
    const { signerKey, verifierKey } = generateSigningKey('ledger.example/log');
    expect(signerKey).toMatch(/^PRIVATE\+KEY\+ledger\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(verifierKey).toMatch(/^ledger\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    const publicKey = Buffer.from(verifierKey.split('+').slice(2).join('+'), 'base64').subarray(1);
    expect(parseVerifierKey(verifierKey).keyId).toBe(noteKeyId('ledger.example/log', publicKey));
  });

  it('generate pairs whose signatures verify only with their own verifier key', () => {
    const first = generateSigningKey('ledger');
    const second = generateSigningKey('ledger');
    const message = Buffer.from('checkpoint');
    const signature = parseSignerKey(first.signerKey).sign(message);
    expect(parseVerifierKey(first.verifierKey).verify(message, signature)).toBe(true);
    expect(parseVerifierKey(second.verifierKey).verify(message, signature)).toBe(false);
    expect(parseVerifierKey(first.verifierKey).verify(Buffer.from('checkpoinT'), signature)).toBe(false);
  });

  it('refuse every truncation and every single-character change of a verifier key', () => {
    for (const mangled of manglings(GO_VERIFIER_KEY)) {
      expect(() => parseVerifierKey(mangled)).toThrow(expect.objectContaining({ field: 'verifierKey' }));
    }
  });

  it('refuse every truncation and every single-character change of a signer key', () => {
    for (const mangled of manglings(GO_SIGNER_KEY)) {
      expect(() => parseSignerKey(mangled)).toThrow(expect.objectContaining({ field: 'signerKey' }));
    }
  });

  it('refuse a key of another signature algorithm, naming the algorithm', () => {
    expect(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(
      expect.objectContaining({ code: 'key.unsupported-algorithm' }),
    );
  });

  it.each(['', 'has space', 'has+plus'])('refuse to generate a key named %p', (name) => {
    expect(() => generateSigningKey(name)).toThrow(expect.objectContaining({ code: 'key.invalid-name' }));
  });
});

/** Go's note_test manglings: every proper substring, and every character shifted by one. */
function manglings(key: string): string[] {
  const results: string[] = [];
  for (let start = 0; start < key.length; start += 1) {
    for (let end = start + 1; end <= key.length; end += 1) {
      if (start !== 0 || end !== key.length) results.push(key.slice(start, end));
    }
  }
  for (let i = 0; i < key.length; i += 1) {
    results.push(key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1));
  }
  return results;
}
