import { presentedKey } from './presented-key';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;

describe('the API key a request presents', () => {
  it('is the token of a Bearer authorization, whatever the case of the scheme', () => {
    expect(presentedKey('Bearer alk_key')).toBe('alk_key');
    expect(presentedKey('bearer   alk_key')).toBe('alk_key');
  });

  it('is the password of a Basic authorization, so a browser prompt can carry it', () => {
    expect(presentedKey(basic('anyone:alk_key'))).toBe('alk_key');
    expect(presentedKey(basic(':alk_key'))).toBe('alk_key');
    expect(presentedKey(basic('anyone:alk:with:colons'))).toBe('alk:with:colons');
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', 'Token alk_key', 'alk_key', basic('no-password'), basic('user:')])(
    'is absent from %j',
    (header) => {
      expect(presentedKey(header)).toBeNull();
    },
  );
});
