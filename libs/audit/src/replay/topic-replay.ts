/**
 * Re-publishes a range of the log onto a Kafka topic, in the log's commit order, in
 * exactly the form the outbox relay publishes (`toOutboxMessage`: key = stream id, the
 * envelope as value, the routing headers), so any consumer of the ledger topic can be
 * pointed at the replay: to rebuild a downstream system, or to watch what it did.
 */
import type { EventPublisher } from '@ledger/messaging';
import { toOutboxMessage } from '@ledger/event-store';
import type { CommittedLog } from '../log/committed-log';
import type { ResolvedRange } from '../export/log-range';

export interface TopicReplayOptions {
  log: CommittedLog;
  publisher: EventPublisher;
  range: ResolvedRange;
  /** Messages per send. */
  batchSize?: number;
  onProgress?: (eventsPublished: number) => void;
  signal?: AbortSignal;
}

export interface TopicReplayOutcome {
  eventsPublished: number;
  /** Position of the last event published: `--from-position` for a later replay is the next one. */
  lastPosition: number | null;
  interrupted: boolean;
}

export async function replayToTopic(options: TopicReplayOptions): Promise<TopicReplayOutcome> {
  const { log, publisher, range, batchSize = 1_000, onProgress, signal } = options;
  let eventsPublished = 0;
  let lastPosition: number | null = null;
  if (!range.through) return { eventsPublished, lastPosition, interrupted: false };
  for await (const page of log.events({ after: range.after, through: range.through, pageSize: batchSize })) {
    await publisher.send(page.items.map(toOutboxMessage));
    eventsPublished += page.items.length;
    lastPosition = page.last.position;
    onProgress?.(eventsPublished);
    if (signal?.aborted) return { eventsPublished, lastPosition, interrupted: true };
  }
  return { eventsPublished, lastPosition, interrupted: false };
}
