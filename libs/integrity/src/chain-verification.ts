/**
 * Walks the recorded events in log order and checks every stream's hash chain,
 * reporting the first place in the log where the history was tampered with, and how.
 *
 * The log order is the order the events are given: the ledger's commit order, in which
 * the i-th event is leaf i of the Merkle log (event-leaf.ts). A place in the log is that
 * leaf index (`firstLeafIndex` for the first event given, one more for each next one),
 * and "first" means lowest leaf index. Global positions are unique in the log but do
 * not increase along it: two appends to different streams may commit in the other
 * order than they took their positions, so positions only identify events here. Within
 * one stream, log order is version order: an append holds its stream's head while it
 * takes its positions and commits.
 *
 * How each kind of tampering shows in a chain:
 * - `altered`: an event's content no longer hashes to its recorded hash; or an event
 *   was re-hashed after an edit, so its successor's `prevHash` no longer names it
 *   (reported at the re-hashed predecessor).
 * - `removed`: a stream skips versions; the event after the gap links to a hash that
 *   is nowhere in the stream.
 * - `reordered`: a later version of a stream sits before an earlier one in the log.
 * - `inserted`: an event claims a global position that an earlier event in the log
 *   holds, or a stream version that the stream already holds without forking cleanly
 *   from its predecessor.
 * - `forked`: a well-formed event links to a predecessor that another event already
 *   follows: two histories branch from one event.
 * A stream rewritten wholesale with recomputed hashes passes this check: only the
 * signed checkpoints (checkpoint-verification.ts) can catch that, which is why they
 * exist.
 *
 * Memory: each stream's head, not its events, and a bitmap of the positions met
 * (seen-positions.ts), so it can run over the whole ledger as a stream. After a stream's
 * first break its later events are not judged: they would only repeat the same finding.
 */
import { GENESIS_HASH, HashableEvent, computeEventHash } from './hash-chain';
import { SeenPositions } from './seen-positions';

export interface ChainedEvent extends HashableEvent {
  globalPosition: number;
  prevHash: string;
  hash: string;
}

/** What the chain checks need of an event once its hash was recomputed elsewhere (e.g. in worker threads). */
export type ChainLink = Pick<ChainedEvent, 'eventId' | 'streamId' | 'streamVersion' | 'globalPosition' | 'prevHash' | 'hash'>;

/** The last event of a stream before the verified range: its version and hash. */
export interface StreamHead {
  version: number;
  hash: string;
}

export interface ChainVerifierOptions {
  /** Stream heads just before the first verified event, for a range that does not start at the genesis. */
  knownHeads?: ReadonlyMap<string, StreamHead>;
  /** Leaf index of the first event given: its place in the whole log (default 0, the log's first event). */
  firstLeafIndex?: number;
}

export type ChainBreakKind = 'altered' | 'removed' | 'reordered' | 'inserted' | 'forked';

export interface ChainsIntact {
  status: 'intact';
  events: number;
  streams: number;
}

export interface ChainBreak {
  status: 'broken';
  kind: ChainBreakKind;
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  eventId: string;
  /** The event's place in the log: its Merkle leaf index. */
  leafIndex: number;
  /** What an auditor needs to know, in one or two sentences. */
  detail: string;
}

export type ChainVerification = ChainsIntact | ChainBreak;

/** Where an event sits; `null` place for a head given by `knownHeads`. */
interface EventPlace {
  version: number;
  hash: string;
  prevHash: string | null;
  globalPosition: number | null;
  eventId: string | null;
  leafIndex: number | null;
}

interface StreamState {
  head: EventPlace;
  /** The event after a version gap, until the next event tells a removal from a reordering. */
  afterGap: { place: BreakPlace; prevHash: string } | null;
  broken: boolean;
}

export class ChainVerifier {
  private readonly streams = new Map<string, StreamState>();
  private readonly knownHeads: ReadonlyMap<string, StreamHead>;
  private readonly firstLeafIndex: number;
  private readonly positions = new SeenPositions();
  private eventCount = 0;
  private earliestBreak: ChainBreak | null = null;

  constructor(options: ChainVerifierOptions = {}) {
    this.knownHeads = options.knownHeads ?? new Map();
    this.firstLeafIndex = options.firstLeafIndex ?? 0;
  }

  /** The next event in log order. */
  add(event: ChainedEvent): void;
  /** The next event in log order, with `hashMatches`: whether its content hashes to its recorded hash, computed by the caller. */
  add(event: ChainLink, hashMatches: boolean): void;
  add(event: ChainLink, hashMatches?: boolean): void {
    this.eventCount += 1;
    this.checkUniquePosition(event);
    const stream = this.streamOf(event.streamId);
    if (stream.broken) return;
    const intact = hashMatches ?? computeEventHash(event.prevHash, event as ChainedEvent) === event.hash;
    if (stream.afterGap !== null) this.resolveGap(stream, event, intact);
    else if (event.streamVersion === stream.head.version + 1) this.checkNext(stream, event, intact);
    else if (event.streamVersion > stream.head.version + 1) this.checkGap(stream, event, intact);
    else this.checkTakenVersion(stream, event, intact);
  }

  finish(): ChainVerification {
    for (const stream of this.streams.values()) {
      if (stream.afterGap !== null) this.reportRemoval(stream);
    }
    return this.earliestBreak ?? { status: 'intact', events: this.eventCount, streams: this.streams.size };
  }

  /** Each stream's last event so far, known heads included: where a later run goes on from while every chain holds. */
  streamHeads(): Map<string, StreamHead> {
    const heads = new Map(this.knownHeads);
    for (const [streamId, { head }] of this.streams) heads.set(streamId, { version: head.version, hash: head.hash });
    return heads;
  }

  /** Positions need not increase along the log, but no two events may share one. */
  private checkUniquePosition(event: ChainLink): void {
    if (this.positions.add(event.globalPosition)) return;
    this.report(this.placeOf(event), 'inserted',
      `Two events claim global position ${event.globalPosition}; event ${event.eventId} (leaf ${this.currentLeafIndex()}) ` +
        'is the later one in the log.');
  }

  private checkNext(stream: StreamState, event: ChainLink, intact: boolean): void {
    const { head } = stream;
    if (!intact) {
      const link = event.prevHash === head.hash ? '' : ' and it no longer links to the previous event';
      this.breakStream(stream, this.placeOf(event), 'altered',
        `${describe(event)} does not hash to its recorded hash ${short(event.hash)}: ` +
          `its content was changed after it was recorded${link}.`);
    } else if (event.prevHash === head.hash) {
      advanceHead(head, event, this.currentLeafIndex());
    } else if (head.prevHash !== null && event.prevHash === head.prevHash) {
      this.breakStream(stream, this.placeOf(event), 'forked',
        `${describe(event)} links to the same predecessor as version ${head.version} (event ${head.eventId}): ` +
          "the stream's history forks.");
    } else if (head.globalPosition !== null && head.eventId !== null && head.leafIndex !== null) {
      const { version: streamVersion, globalPosition, eventId, leafIndex } = head;
      const predecessor = { streamId: event.streamId, streamVersion, globalPosition, eventId, leafIndex };
      this.breakStream(stream, predecessor, 'altered',
        `Version ${head.version} of stream ${event.streamId} (event ${head.eventId}) hashes to ${short(head.hash)}, ` +
          `but its successor at global position ${event.globalPosition} recorded it as ${short(event.prevHash)}: ` +
          "it was rewritten and re-hashed after it was recorded (or its successor's link was).");
    } else {
      const expected = head.version === 0 ? 'the genesis hash' : `the known head ${short(head.hash)} of version ${head.version}`;
      this.breakStream(stream, this.placeOf(event), 'altered', `${describe(event)} links to ${short(event.prevHash)} instead of ${expected}.`);
    }
  }

  private checkGap(stream: StreamState, event: ChainLink, intact: boolean): void {
    const { head } = stream;
    if (!intact) {
      this.breakStream(stream, this.placeOf(event), 'altered',
        `${describe(event)} does not hash to its recorded hash ${short(event.hash)}: ` +
          'its content (perhaps its version) was changed after it was recorded.');
    } else if (event.prevHash === head.hash) {
      this.breakStream(stream, this.placeOf(event), 'removed',
        `${describe(event)} links straight to version ${head.version}: ` +
          `${missingVersions(head.version, event.streamVersion)} removed and the chain re-linked.`);
    } else {
      stream.afterGap = { place: this.placeOf(event), prevHash: event.prevHash };
    }
  }

  private checkTakenVersion(stream: StreamState, event: ChainLink, intact: boolean): void {
    const { head } = stream;
    const sameVersionSamePredecessor =
      event.streamVersion === head.version && head.prevHash !== null && event.prevHash === head.prevHash;
    if (intact && sameVersionSamePredecessor && event.hash !== head.hash) {
      this.breakStream(stream, this.placeOf(event), 'forked',
        `${describe(event)} is a second, different version ${head.version} following the same predecessor ` +
          `as event ${head.eventId}: the stream's history forks.`);
      return;
    }
    const copy = event.hash === head.hash ? ' (a second copy of the same event)' : '';
    this.breakStream(stream, this.placeOf(event), 'inserted',
      `${describe(event)} claims version ${event.streamVersion}, which the stream already holds${copy}: the event was inserted.`);
  }

  /** The event after a gap was held back; the next one tells whether the missing versions come late or never. */
  private resolveGap(stream: StreamState, event: ChainLink, intact: boolean): void {
    const gap = stream.afterGap!.place;
    const missingArrivesLate =
      intact && event.streamVersion === stream.head.version + 1 && event.prevHash === stream.head.hash;
    if (!missingArrivesLate) {
      this.reportRemoval(stream);
      return;
    }
    stream.afterGap = null;
    this.breakStream(
      stream,
      gap,
      'reordered',
      `Version ${gap.streamVersion} of stream ${event.streamId} (event ${gap.eventId}, global position ${gap.globalPosition}) ` +
        `is recorded before version ${event.streamVersion} (global position ${event.globalPosition}): ` +
        "the stream's events are out of order in the log.",
    );
  }

  private reportRemoval(stream: StreamState): void {
    const { place: gap, prevHash } = stream.afterGap!;
    stream.afterGap = null;
    this.breakStream(
      stream,
      gap,
      'removed',
      `Version ${gap.streamVersion} of stream ${gap.streamId} (event ${gap.eventId}, global position ${gap.globalPosition}) ` +
        `follows version ${stream.head.version}: ${missingVersions(stream.head.version, gap.streamVersion)} missing; ` +
        `it links to ${short(prevHash)}, an event that is no longer in the log.`,
    );
  }

  private streamOf(streamId: string): StreamState {
    let stream = this.streams.get(streamId);
    if (stream === undefined) {
      const known = this.knownHeads.get(streamId);
      const head = known ?? { version: 0, hash: GENESIS_HASH };
      stream = { head: { ...head, prevHash: null, globalPosition: null, eventId: null, leafIndex: null }, afterGap: null, broken: false };
      this.streams.set(streamId, stream);
    }
    return stream;
  }

  private breakStream(stream: StreamState, at: BreakPlace, kind: ChainBreakKind, detail: string): void {
    stream.broken = true;
    this.report(at, kind, detail);
  }

  private report(at: BreakPlace, kind: ChainBreakKind, detail: string): void {
    if (this.earliestBreak !== null && this.earliestBreak.leafIndex <= at.leafIndex) return;
    const { streamId, streamVersion, globalPosition, eventId, leafIndex } = at;
    this.earliestBreak = { status: 'broken', kind, streamId, streamVersion, globalPosition, eventId, leafIndex, detail };
  }

  /** The leaf index of the event being added. */
  private currentLeafIndex(): number {
    return this.firstLeafIndex + this.eventCount - 1;
  }

  /** Allocated only when a break is reported: an event that checks out costs no new memory. */
  private placeOf(event: ChainLink): BreakPlace {
    const { streamId, streamVersion, globalPosition, eventId } = event;
    return { streamId, streamVersion, globalPosition, eventId, leafIndex: this.currentLeafIndex() };
  }
}

/** Checks the hash chains of `events`, given in log order. */
export function verifyStreamChains(events: Iterable<ChainedEvent>, options?: ChainVerifierOptions): ChainVerification {
  const verifier = new ChainVerifier(options);
  for (const event of events) verifier.add(event);
  return verifier.finish();
}

type BreakPlace = Pick<ChainBreak, 'streamId' | 'streamVersion' | 'globalPosition' | 'eventId' | 'leafIndex'>;

/** In place: the verifier touches no new memory for an event that checks out. */
function advanceHead(head: EventPlace, event: ChainLink, leafIndex: number): void {
  head.version = event.streamVersion;
  head.hash = event.hash;
  head.prevHash = event.prevHash;
  head.globalPosition = event.globalPosition;
  head.eventId = event.eventId;
  head.leafIndex = leafIndex;
}

function describe(event: ChainLink): string {
  return `Version ${event.streamVersion} of stream ${event.streamId} (event ${event.eventId}, global position ${event.globalPosition})`;
}

function missingVersions(headVersion: number, nextVersion: number): string {
  const first = headVersion + 1;
  const last = nextVersion - 1;
  return first === last ? `version ${first} was` : `versions ${first} to ${last} were`;
}

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}
