import { setTimeout as sleep } from 'node:timers/promises';
import { createTestKafka, createTestTopics, deleteTestTopics, readMessages, uniqueName } from '@ledger/testing';
import { KafkaEventPublisher, type OutgoingMessage } from '../event-publisher';
import { CommandIngestConsumer } from './command-ingest-consumer';
import type { IngestMessage, IngestOutcome } from './ingest-message';

jest.setTimeout(90_000);

const kafka = createTestKafka();
const createdTopics: string[] = [];
const FAST_RETRY = { initialDelayMs: 20, maxDelayMs: 100 };

/** One single-partition ingest topic and its dead-letter topic per test: order is total. */
async function freshTopics(): Promise<{ topic: string; deadLetterTopic: string }> {
  const topic = uniqueName('ingest');
  const deadLetterTopic = `${topic}.dlq`;
  await createTestTopics([topic, deadLetterTopic], 1);
  createdTopics.push(topic, deadLetterTopic);
  return { topic, deadLetterTopic };
}

async function publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
  const publisher = new KafkaEventPublisher({ kafka, topic });
  await publisher.connect();
  try {
    await publisher.send(messages);
  } finally {
    await publisher.disconnect();
  }
}

function submissions(...values: string[]): OutgoingMessage[] {
  return values.map((value) => ({ key: 'partnership-p1', value, headers: { 'x-source-system': 'crm' } }));
}

/** A chunk handler that records each chunk's values and answers as `decide` says (or throws, as `fail` says). */
function recordingChunkHandler(
  decide: (value: string) => IngestOutcome = () => ({ status: 'accepted' }),
  fail: (chunk: number) => boolean = () => false,
) {
  const chunks: string[][] = [];
  const handleMany = async (messages: IngestMessage[]): Promise<IngestOutcome[]> => {
    const values = messages.map((message) => message.value?.toString('utf8') ?? '');
    chunks.push(values);
    if (fail(chunks.length)) throw new Error('database unavailable');
    return values.map(decide);
  };
  return { chunks, handleMany };
}

function numbered(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `s${index + 1}`);
}

/** A handler that records every call (by value) and answers as `decide` says. */
function recordingHandler(decide: (value: string, call: number) => IngestOutcome = () => ({ status: 'accepted' })) {
  const calls: string[] = [];
  const handle = async (message: IngestMessage): Promise<IngestOutcome> => {
    const value = message.value?.toString('utf8') ?? '';
    calls.push(value);
    return decide(value, calls.filter((seen) => seen === value).length);
  };
  return { calls, handle };
}

async function waitUntil(condition: () => boolean, description: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${description}.`);
    await sleep(50);
  }
}

async function committedOffset(groupId: string, topic: string): Promise<string> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return committed?.partitions[0]?.offset ?? 'none';
  } finally {
    await admin.disconnect();
  }
}

async function runConsumer(
  topics: { topic: string; deadLetterTopic: string },
  groupId: string,
  handle: (message: IngestMessage) => Promise<IngestOutcome>,
  handleMany?: (messages: IngestMessage[]) => Promise<IngestOutcome[]>,
): Promise<CommandIngestConsumer> {
  const consumer = new CommandIngestConsumer({
    kafka,
    groupId,
    topics: [topics.topic],
    deadLetterTopic: topics.deadLetterTopic,
    handle,
    handleMany,
    retry: FAST_RETRY,
  });
  await consumer.start();
  return consumer;
}

describe('CommandIngestConsumer (real Kafka)', () => {
  afterAll(() => deleteTestTopics(createdTopics));

  it('hands every message to the handler once, in order, and commits past the last one', async () => {
    const topics = await freshTopics();
    const groupId = uniqueName('ingest-group');
    await publish(topics.topic, submissions('s1', 's2', 's3', 's4', 's5'));
    const handler = recordingHandler();

    const consumer = await runConsumer(topics, groupId, handler.handle);
    await waitUntil(() => handler.calls.length >= 5, 'five messages were handled');
    await consumer.stop();

    expect(handler.calls).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(await committedOffset(groupId, topics.topic)).toBe('5');
  });

  it('sends a rejected message to the dead-letter topic with the reason and carries on with the next one', async () => {
    const topics = await freshTopics();
    const groupId = uniqueName('ingest-group');
    await publish(topics.topic, submissions('good-1', 'bad', 'good-2'));
    const handler = recordingHandler((value) =>
      value === 'bad'
        ? { status: 'rejected', reason: { code: 'submission.invalid', message: 'data.value must be a number.', field: 'data.value' } }
        : { status: 'accepted' },
    );

    const consumer = await runConsumer(topics, groupId, handler.handle);
    await waitUntil(() => handler.calls.length >= 3, 'three messages were handled');
    await consumer.stop();

    expect(handler.calls).toEqual(['good-1', 'bad', 'good-2']);
    const [deadLetter] = await readMessages(topics.deadLetterTopic, { count: 1 });
    expect(deadLetter).toMatchObject({
      key: 'partnership-p1',
      value: 'bad',
      headers: {
        'x-source-system': 'crm',
        'dlq-reason-code': 'submission.invalid',
        'dlq-reason': 'data.value must be a number.',
        'dlq-reason-field': 'data.value',
        'dlq-source-topic': topics.topic,
        'dlq-source-partition': '0',
        'dlq-source-offset': '1',
      },
    });
    expect(await committedOffset(groupId, topics.topic)).toBe('3');
  });

  it('retries a message whose handler threw, then goes on without skipping it or handling another twice', async () => {
    const topics = await freshTopics();
    const groupId = uniqueName('ingest-group');
    await publish(topics.topic, submissions('s1', 's2', 's3'));
    const handler = recordingHandler((value, call) => {
      if (value === 's2' && call === 1) throw new Error('database unavailable');
      return { status: 'accepted' };
    });

    const consumer = await runConsumer(topics, groupId, handler.handle);
    await waitUntil(() => handler.calls.includes('s3'), 'the message after the failing one was handled');
    await consumer.stop();

    expect(handler.calls).toEqual(['s1', 's2', 's2', 's3']);
    expect(await committedOffset(groupId, topics.topic)).toBe('3');
  });

  it('hands a backlog to handleMany in chunks, every message once and in order, and commits past the last one', async () => {
    const topics = await freshTopics();
    const groupId = uniqueName('ingest-group');
    await publish(topics.topic, submissions(...numbered(250)));
    const single = recordingHandler();
    const many = recordingChunkHandler();

    const consumer = await runConsumer(topics, groupId, single.handle, many.handleMany);
    await waitUntil(() => many.chunks.flat().length + single.calls.length >= 250, 'every message was handled');
    await consumer.stop();

    expect(many.chunks.some((chunk) => chunk.length > 1)).toBe(true);
    expect(Math.max(...many.chunks.map((chunk) => chunk.length))).toBeLessThanOrEqual(100);
    // A fetch that brought a single message hands it to handle.
    const handled = [...many.chunks.flat(), ...single.calls].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    expect(handled).toEqual(numbered(250));
    expect(many.chunks.flat()).toEqual([...many.chunks.flat()].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
    expect(await committedOffset(groupId, topics.topic)).toBe('250');
  });

  it('sends what handleMany rejected to the dead-letter topic and carries on', async () => {
    const topics = await freshTopics();
    const groupId = uniqueName('ingest-group');
    await publish(topics.topic, submissions(...numbered(20)));
    const rejectSeventh = (value: string): IngestOutcome =>
      value === 's7' ? { status: 'rejected', reason: { code: 'submission.invalid', message: 'No.' } } : { status: 'accepted' };
    const single = recordingHandler(rejectSeventh);
    const many = recordingChunkHandler(rejectSeventh);

    const consumer = await runConsumer(topics, groupId, single.handle, many.handleMany);
    await waitUntil(() => many.chunks.flat().length + single.calls.length >= 20, 'every message was handled');
    await consumer.stop();

    const [deadLetter] = await readMessages(topics.deadLetterTopic, { count: 1 });
    expect(deadLetter).toMatchObject({ value: 's7', headers: { 'dlq-reason-code': 'submission.invalid' } });
    expect(await committedOffset(groupId, topics.topic)).toBe('20');
  });

  it('handles each message of a chunk that failed alone, with retries, skipping none', async () => {
    const topics = await freshTopics();
    const groupId = uniqueName('ingest-group');
    await publish(topics.topic, submissions(...numbered(30)));
    const single = recordingHandler();
    const many = recordingChunkHandler(undefined, (chunk) => chunk === 1);

    const consumer = await runConsumer(topics, groupId, single.handle, many.handleMany);
    await waitUntil(() => new Set([...many.chunks.slice(1).flat(), ...single.calls]).size >= 30, 'every message was handled');
    await consumer.stop();

    const failedChunk = many.chunks[0]!;
    expect(failedChunk.length).toBeGreaterThan(1);
    expect(single.calls.slice(0, failedChunk.length)).toEqual(failedChunk);
    expect(await committedOffset(groupId, topics.topic)).toBe('30');
  });

  it('resumes, after a restart, right after the last committed message', async () => {
    const topics = await freshTopics();
    const groupId = uniqueName('ingest-group');
    await publish(topics.topic, submissions('s1', 's2', 's3'));
    const before = recordingHandler();
    const first = await runConsumer(topics, groupId, before.handle);
    await waitUntil(() => before.calls.length >= 3, 'the first consumer handled three messages');
    await first.stop();

    await publish(topics.topic, submissions('s4', 's5'));
    const after = recordingHandler();
    const second = await runConsumer(topics, groupId, after.handle);
    await waitUntil(() => after.calls.length >= 2, 'the restarted consumer handled two messages');
    await second.stop();

    expect(before.calls).toEqual(['s1', 's2', 's3']);
    expect(after.calls).toEqual(['s4', 's5']);
    expect(await committedOffset(groupId, topics.topic)).toBe('5');
  });

  it('leaves a message still failing at stop uncommitted, so the next consumer handles it again', async () => {
    const topics = await freshTopics();
    const groupId = uniqueName('ingest-group');
    await publish(topics.topic, submissions('s1', 's2', 's3'));
    const failing = recordingHandler((value) => {
      if (value === 's2') throw new Error('database unavailable');
      return { status: 'accepted' };
    });
    const first = await runConsumer(topics, groupId, failing.handle);
    await waitUntil(() => failing.calls.filter((value) => value === 's2').length >= 2, 's2 was retried');
    await first.stop();

    expect(failing.calls).not.toContain('s3');
    expect(await committedOffset(groupId, topics.topic)).toBe('1');

    const healthy = recordingHandler();
    const second = await runConsumer(topics, groupId, healthy.handle);
    await waitUntil(() => healthy.calls.length >= 2, 'the next consumer handled the remaining messages');
    await second.stop();

    expect(healthy.calls).toEqual(['s2', 's3']);
  });
});
