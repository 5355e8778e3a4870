import { generateApiKey, hashSecret, parseApiKey, secretMatches } from './api-key';

describe('API keys', () => {
  it('are alk_<keyId>_<secret>, and parse back into their key id and secret', () => {
    const key = generateApiKey();
    expect(key.apiKey).toMatch(/^alk_[0-9a-f]{18}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(key.apiKey)).toEqual({ keyId: key.keyId, secret: key.secret });
  });

  it('are never issued twice', () => {
    const keys = Array.from({ length: 200 }, () => generateApiKey());
    expect(new Set(keys.map(({ keyId }) => keyId)).size).toBe(200);
    expect(new Set(keys.map(({ secret }) => secret)).size).toBe(200);
  });

  it.each([
    '',
    'alk_',
    'Bearer alk_0123456789abcdef01_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    'alk_0123456789ABCDEF01_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    'alk_0123456789abcdef01_AAAA',
    'xyz_0123456789abcdef01_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    'alk_0123456789abcdef01_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ',
  ])('refuses the malformed key %j', (candidate) => {
    expect(parseApiKey(candidate)).toBeNull();
  });

  it('matches a secret only against the hash of that same secret', () => {
    const { secret } = generateApiKey();
    const stored = hashSecret(secret);
    expect(stored).toHaveLength(32);
    expect(secretMatches(secret, stored)).toBe(true);
    expect(secretMatches(generateApiKey().secret, stored)).toBe(false);
    expect(secretMatches(secret, Buffer.alloc(16))).toBe(false);
  });
});
