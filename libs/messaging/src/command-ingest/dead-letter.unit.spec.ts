import type { KafkaMessage } from 'kafkajs';
import { DEAD_LETTER_HEADERS, deadLetterRecord } from './dead-letter';
import { toIngestMessage } from './ingest-message';

function kafkaRecord(): KafkaMessage {
  return {
    key: Buffer.from('partnership-p1'),
    value: Buffer.from('{"type":"RecordReading"'),
    headers: { 'content-type': Buffer.from('application/json'), 'x-trace': [Buffer.from('first'), Buffer.from('second')] },
    offset: '41',
    timestamp: '1700000000000',
    attributes: 0,
  };
}

/** Records in the old message-set format carry no headers at all. */
function legacyRecordWithoutKeyOrValue(): KafkaMessage {
  return { key: null, value: null, offset: '7', timestamp: '1700000000000', attributes: 0, size: 0 };
}

describe('toIngestMessage', () => {
  it('decodes the key and headers as text and keeps the value as raw bytes', () => {
    const message = toIngestMessage('commands', 2, kafkaRecord());
    expect(message).toEqual({
      key: 'partnership-p1',
      value: Buffer.from('{"type":"RecordReading"'),
      headers: { 'content-type': 'application/json', 'x-trace': 'second' },
      topic: 'commands',
      partition: 2,
      offset: '41',
    });
  });

  it('keeps a missing key and value as null and reads missing headers as none', () => {
    const message = toIngestMessage('commands', 0, legacyRecordWithoutKeyOrValue());
    expect(message).toMatchObject({ key: null, value: null, headers: {} });
  });
});

describe('deadLetterRecord', () => {
  const message = toIngestMessage('commands', 2, kafkaRecord());

  it('keeps the original key, value and headers and adds the reason and the source position', () => {
    const record = deadLetterRecord(message, { code: 'submission.malformed-json', message: 'The body is not valid JSON.' });
    expect(record.key).toBe('partnership-p1');
    expect(record.value).toEqual(Buffer.from('{"type":"RecordReading"'));
    expect(record.headers).toEqual({
      'content-type': 'application/json',
      'x-trace': 'second',
      'dlq-reason-code': 'submission.malformed-json',
      'dlq-reason': 'The body is not valid JSON.',
      'dlq-source-topic': 'commands',
      'dlq-source-partition': '2',
      'dlq-source-offset': '41',
    });
  });

  it('adds the field and the details (as JSON) when the reason has them', () => {
    const record = deadLetterRecord(message, {
      code: 'submission.invalid',
      message: 'data.value must be a number.',
      field: 'data.value',
      details: { rule: 'isNumber' },
    });
    expect(record.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.reasonField]: 'data.value',
      [DEAD_LETTER_HEADERS.reasonDetails]: '{"rule":"isNumber"}',
    });
  });

  it('lets the reason headers win over same-named headers a sender set', () => {
    const forged = { ...message, headers: { 'dlq-reason-code': 'forged' } };
    const record = deadLetterRecord(forged, { code: 'submission.invalid', message: 'Invalid.' });
    expect(record.headers).toMatchObject({ 'dlq-reason-code': 'submission.invalid' });
  });
});
