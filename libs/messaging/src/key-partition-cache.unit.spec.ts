import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { cachingDefaultPartitioner } from './key-partition-cache';

const partitionsOf = (count: number): PartitionMetadata[] =>
  Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));

describe('cachingDefaultPartitioner', () => {
  const keys = Array.from({ length: 500 }, (_, index) => `partnership-${index}`);

  it('puts every key on the partition the Java-compatible partitioner chooses, asked once or many times', () => {
    const reference = Partitioners.DefaultPartitioner();
    const cached = cachingDefaultPartitioner()();
    for (const round of [1, 2]) {
      for (const key of keys) {
        const args = { topic: 'events', partitionMetadata: partitionsOf(6), message: { key, value: `round ${round}` } };
        expect(cached(args)).toBe(reference(args));
      }
    }
  });

  it('hashes a key afresh when its topic has a different number of partitions', () => {
    const reference = Partitioners.DefaultPartitioner();
    const cached = cachingDefaultPartitioner()();
    const moved = keys.filter((key) => {
      const message = { key, value: 'x' };
      cached({ topic: 'events', partitionMetadata: partitionsOf(3), message });
      const onSix = cached({ topic: 'events', partitionMetadata: partitionsOf(6), message });
      expect(onSix).toBe(reference({ topic: 'events', partitionMetadata: partitionsOf(6), message }));
      return onSix >= 3;
    });
    expect(moved.length).toBeGreaterThan(0);
  });

  it('keeps an explicit partition and spreads messages without a key as the default partitioner does', () => {
    const cached = cachingDefaultPartitioner()();
    expect(cached({ topic: 'events', partitionMetadata: partitionsOf(6), message: { key: 'partnership-1', partition: 4, value: 'x' } })).toBe(4);
    const chosen = new Set(
      Array.from({ length: 12 }, () => cached({ topic: 'events', partitionMetadata: partitionsOf(6), message: { value: 'x' } })),
    );
    expect(chosen.size).toBe(6);
  });

  it('stays right once its bound empties it', () => {
    const reference = Partitioners.DefaultPartitioner();
    const cached = cachingDefaultPartitioner(10)();
    for (const key of [...keys, ...keys]) {
      const args = { topic: 'events', partitionMetadata: partitionsOf(6), message: { key, value: 'x' } };
      expect(cached(args)).toBe(reference(args));
    }
  });
});
