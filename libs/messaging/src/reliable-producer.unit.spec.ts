import { KafkaJSProtocolError, type Kafka, type Producer, type ProducerRecord } from 'kafkajs';
import { ReliableProducer } from './reliable-producer';

/** A kafkajs producer double: answers each send with the next scripted outcome. */
class ScriptedProducer {
  readonly sent: ProducerRecord[] = [];
  connects = 0;
  disconnects = 0;

  constructor(private readonly outcomes: (Error | 'ok')[]) {}

  async connect() {
    this.connects += 1;
  }

  async disconnect() {
    this.disconnects += 1;
  }

  async send(record: ProducerRecord) {
    const outcome = this.outcomes.shift() ?? 'ok';
    if (outcome !== 'ok') throw outcome;
    this.sent.push(record);
    return [];
  }
}

function kafkaMaking(producers: ScriptedProducer[]): { kafka: Kafka; made: ScriptedProducer[] } {
  const made: ScriptedProducer[] = [];
  const kafka = {
    producer: (config: { idempotent?: boolean; maxInFlightRequests?: number }) => {
      expect(config).toMatchObject({ idempotent: true, maxInFlightRequests: 1 });
      const next = producers[made.length] ?? new ScriptedProducer([]);
      made.push(next);
      return next as unknown as Producer;
    },
  } as unknown as Kafka;
  return { kafka, made };
}

const record = (value: string): ProducerRecord => ({ topic: 't', messages: [{ key: 'k', value }] });
const protocolError = (type: string) => Object.assign(new KafkaJSProtocolError(type), { type });

describe('ReliableProducer', () => {
  it.each(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'UNKNOWN_PRODUCER_ID'])(
    'after %s, throws the failure and sends the next attempt through a new producer',
    async (type) => {
      const first = new ScriptedProducer([protocolError(type)]);
      const second = new ScriptedProducer([]);
      const { kafka, made } = kafkaMaking([first, second]);
      const warnings: object[] = [];
      const producer = new ReliableProducer(kafka, { debug() {}, info() {}, error() {}, warn: (details) => warnings.push(details) });
      await producer.connect();

      await expect(producer.send(record('a'))).rejects.toThrow();
      await producer.send(record('a'));

      expect(made).toHaveLength(2);
      expect(first.disconnects).toBe(1);
      expect(second.connects).toBe(1);
      expect(second.sent.map((sent) => sent.messages[0]!.value)).toEqual(['a']);
      expect(warnings).toEqual([{ reason: type }]);
    },
  );

  it('finds the lost state in a wrapped cause', async () => {
    const wrapped = Object.assign(new Error('retries exhausted'), { cause: protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER') });
    const { kafka, made } = kafkaMaking([new ScriptedProducer([wrapped])]);
    const producer = new ReliableProducer(kafka);
    await producer.connect();
    await expect(producer.send(record('a'))).rejects.toThrow('retries exhausted');
    expect(made).toHaveLength(2);
  });

  it('keeps its producer through failures that leave the idempotence state intact', async () => {
    const first = new ScriptedProducer([protocolError('NOT_LEADER_FOR_PARTITION'), new Error('Connection error: ECONNREFUSED')]);
    const { kafka, made } = kafkaMaking([first]);
    const producer = new ReliableProducer(kafka);
    await producer.connect();
    await expect(producer.send(record('a'))).rejects.toThrow();
    await expect(producer.send(record('a'))).rejects.toThrow();
    await producer.send(record('a'));
    expect(made).toHaveLength(1);
    expect(first.sent).toHaveLength(1);
  });

  it('connects a replacement on the next send when the broker was still away', async () => {
    const first = new ScriptedProducer([protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER')]);
    const second = new ScriptedProducer([]);
    let refuse = true;
    second.connect = async function (this: ScriptedProducer) {
      this.connects += 1;
      if (refuse) throw new Error('Connection error: ECONNREFUSED');
    };
    const { kafka } = kafkaMaking([first, second]);
    const producer = new ReliableProducer(kafka);
    await producer.connect();
    await expect(producer.send(record('a'))).rejects.toThrow('OUT_OF_ORDER');
    refuse = false;
    await producer.send(record('a'));
    expect(second.connects).toBe(2);
    expect(second.sent).toHaveLength(1);
  });
});
