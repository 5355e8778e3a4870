import { createHash } from 'node:crypto';
import { eventLeafData, eventLeafHash } from './event-leaf';

const EVENT_HASH = 'ab'.repeat(32);

describe('event leaf', () => {
  it('is the position as 8 big-endian bytes followed by the 32 bytes of the event hash', () => {
    const data = eventLeafData(0x0102030405, EVENT_HASH);
    expect(data.toString('hex')).toBe(`0000000102030405${EVENT_HASH}`);
  });

  it('keeps positions above 2^32 exact', () => {
    expect(eventLeafData(Number.MAX_SAFE_INTEGER, EVENT_HASH).subarray(0, 8).toString('hex')).toBe('001fffffffffffff');
  });

  it('hashes as an RFC 6962 leaf: SHA-256 over 0x00 and the leaf data', () => {
    const expected = createHash('sha256').update(Buffer.from([0])).update(eventLeafData(7, EVENT_HASH)).digest();
    expect(eventLeafHash(7, EVENT_HASH)).toEqual(expected);
  });

  it('changes when the same event moves to another position', () => {
    expect(eventLeafHash(7, EVENT_HASH)).not.toEqual(eventLeafHash(8, EVENT_HASH));
  });

  it.each([-1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN])('refuses position %p', (position) => {
    expect(() => eventLeafData(position, EVENT_HASH)).toThrow(
      expect.objectContaining({ code: 'leaf.invalid-position', field: 'globalPosition' }),
    );
  });

  it.each(['', 'AB'.repeat(32), 'ab'.repeat(31), `${'ab'.repeat(31)}zz`])('refuses event hash %p', (hash) => {
    expect(() => eventLeafData(1, hash)).toThrow(expect.objectContaining({ code: 'leaf.invalid-event-hash', field: 'eventHash' }));
  });
});
