import { alignmentQuarterHistory } from '../testing';
import { decodeEnvelope } from './envelope-decoder';

const address = { topic: 'ledger-events', partition: 2, offset: '41' };
const [recorded] = alignmentQuarterHistory();
const encoded = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

describe('decoding a message of the ledger events topic', () => {
  it('gives back the envelope the relay published', () => {
    expect(decodeEnvelope(encoded(recorded), address)).toEqual(recorded);
  });

  it.each([
    ['an empty message', null, 'value'],
    ['text that is not JSON', Buffer.from('not json'), 'value'],
    ['a JSON array', encoded([recorded]), 'value'],
    ['an envelope without a stream version', encoded({ ...recorded, streamVersion: undefined }), 'streamVersion'],
    ['an envelope with a stream version of 0', encoded({ ...recorded, streamVersion: 0 }), 'streamVersion'],
    ['an envelope whose ledger time is no instant', encoded({ ...recorded, recordedAt: 'yesterday' }), 'recordedAt'],
    ['an envelope without data', encoded({ ...recorded, data: null }), 'data'],
  ])('refuses %s, naming the partition, the offset and the field', (_case, value, field) => {
    expect(() => decodeEnvelope(value, address)).toThrow(
      expect.objectContaining({
        code: 'projector.undecodable-message',
        field,
        message: expect.stringContaining('ledger-events partition 2 offset 41'),
      }),
    );
  });
});
