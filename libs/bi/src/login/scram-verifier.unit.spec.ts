import { createHash, createHmac } from 'node:crypto';
import { scramKeys, scramVerifier } from './scram-verifier';

/** The SCRAM-SHA-256 exchange of RFC 7677, section 3 (user "user", password "pencil"). */
const RFC_7677 = {
  password: 'pencil',
  salt: Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'),
  authMessage:
    'n=user,r=rOprNGfwEbeRWgbNEkqO,' +
    'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,' +
    'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
  clientProof: Buffer.from('dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=', 'base64'),
  serverSignature: '6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};

describe('the SCRAM-SHA-256 verifier of a BI login password', () => {
  const keys = scramKeys(RFC_7677.password, RFC_7677.salt);

  it('holds the server key that signs the RFC 7677 exchange', () => {
    expect(createHmac('sha256', keys.serverKey).update(RFC_7677.authMessage).digest('base64')).toBe(RFC_7677.serverSignature);
  });

  it('holds the stored key that accepts the RFC 7677 client proof, as the server checks it', () => {
    const clientSignature = createHmac('sha256', keys.storedKey).update(RFC_7677.authMessage).digest();
    const clientKey = Buffer.from(RFC_7677.clientProof.map((byte, index) => byte ^ clientSignature[index]));
    expect(createHash('sha256').update(clientKey).digest()).toEqual(keys.storedKey);
  });

  it('is written in the form PostgreSQL recognises as an already hashed password', () => {
    expect(scramVerifier('a-long-enough-password', RFC_7677.salt)).toMatch(
      /^SCRAM-SHA-256\$4096:W22ZaJ0SNY7soEsUEjb6gQ==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$/,
    );
  });

  it('refuses short passwords and characters PostgreSQL would normalise differently', () => {
    expect(() => scramVerifier('short')).toThrow(/at least 16 printable ASCII/);
    expect(() => scramVerifier('long-enough-but-ünïcode')).toThrow(/printable ASCII/);
  });
});
