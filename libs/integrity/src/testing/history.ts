/**
 * Valid ledger histories for the integrity specs, and the one tool a careful forger
 * would use on them: re-hashing a stream's chain after editing it. Global positions
 * skip a number now and then, as a database sequence does after a rolled-back insert,
 * so the specs also show that leaf indexes and positions are different things; and
 * `committedOutOfPositionOrder` gives a history as concurrent writers leave it, where
 * positions do not even increase along the log.
 */
import type { EventEnvelope } from '@ledger/contracts';
import { GENESIS_HASH, computeEventHash } from '../hash-chain';

const TEAMS = ['marketing', 'sales', 'it', 'finance'];

/** One event per entry of `streamOrder`, each entry naming the stream (0, 1, ...) it goes to. */
export function buildHistory(streamOrder: readonly number[]): EventEnvelope[] {
  const heads = new Map<string, { version: number; hash: string }>();
  return streamOrder.map((streamIndex, index) => {
    const streamId = `partnership-p${streamIndex}`;
    const head = heads.get(streamId) ?? { version: 0, hash: GENESIS_HASH };
    const event = envelope(streamId, head.version + 1, index, head.hash);
    heads.set(streamId, { version: event.streamVersion, hash: event.hash });
    return event;
  });
}

/** `count` events spread over `streams` streams in an interleaved, irregular order. */
export function interleavedHistory(count: number, streams: number): EventEnvelope[] {
  return buildHistory(Array.from({ length: count }, (_, i) => (i * 7 + Math.floor(i / 3)) % streams));
}

/**
 * `events` as concurrent writers leave the log: of the neighbours in different streams,
 * every `every`-th pair has swapped positions, as two appends do that take their
 * positions in one order and commit in the other. The log order (the array's order) and
 * every chain stay as they were; only positions go down where a pair was swapped.
 */
export function committedOutOfPositionOrder(events: readonly EventEnvelope[], every = 3): EventEnvelope[] {
  const log = events.map((event) => ({ ...event }));
  let pairs = 0;
  for (let i = 0; i + 1 < log.length; i += 1) {
    const [earlier, later] = [log[i]!, log[i + 1]!];
    if (earlier.streamId === later.streamId) continue;
    pairs += 1;
    if (pairs % every !== 0) continue;
    [earlier.globalPosition, later.globalPosition] = [later.globalPosition, earlier.globalPosition];
    i += 1;
  }
  return log;
}

/** The indexes in the log where an event's position is lower than its predecessor's. */
export function positionDrops(events: readonly EventEnvelope[]): number[] {
  return events.flatMap((event, i) => (i > 0 && event.globalPosition < events[i - 1]!.globalPosition ? [i] : []));
}

/** Re-links and re-hashes every event of `streamId` in order, as an attacker with write access could. */
export function rehashStream(events: readonly EventEnvelope[], streamId: string): EventEnvelope[] {
  let prevHash = GENESIS_HASH;
  return events.map((event) => {
    if (event.streamId !== streamId) return event;
    const rehashed = { ...event, prevHash, hash: computeEventHash(prevHash, event) };
    prevHash = rehashed.hash;
    return rehashed;
  });
}

export function findEvent(events: readonly EventEnvelope[], streamId: string, streamVersion: number): EventEnvelope {
  const event = events.find((e) => e.streamId === streamId && e.streamVersion === streamVersion);
  if (event === undefined) throw new Error(`no version ${streamVersion} of ${streamId} in the history`);
  return event;
}

function envelope(streamId: string, streamVersion: number, index: number, prevHash: string): EventEnvelope {
  const second = String(index % 60).padStart(2, '0');
  const event: Omit<EventEnvelope, 'hash'> = {
    eventId: `event-${index}`,
    type: 'AgreementSigned',
    schemaVersion: 1,
    streamId,
    streamVersion,
    globalPosition: index + 1 + Math.floor(index / 5),
    occurredAt: `2025-03-01T09:${String(Math.floor(index / 60) % 60).padStart(2, '0')}:${second}.000Z`,
    recordedAt: `2025-03-01T10:${String(Math.floor(index / 60) % 60).padStart(2, '0')}:${second}.000Z`,
    data: { agreementVersion: streamVersion, teamId: TEAMS[index % TEAMS.length]!, signatory: `signatory ${index}` },
    actor: 'svc-crm',
    sourceSystem: 'crm',
    correlationId: `correlation-${index}`,
    causationId: index === 0 ? null : `event-${index - 1}`,
    prevHash,
  };
  return { ...event, hash: computeEventHash(prevHash, event) } as EventEnvelope;
}
