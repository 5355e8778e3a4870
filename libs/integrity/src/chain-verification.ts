/**
 * Walks the recorded events in global-position order and checks every stream's hash
 * chain, reporting the first place (lowest global position) where the history was
 * tampered with, and how.
 *
 * How each kind of tampering shows in a chain:
 * - `altered`: an event's content no longer hashes to its recorded hash; or an event
 *   was re-hashed after an edit, so its successor's `prevHash` no longer names it
 *   (reported at the re-hashed predecessor).
 * - `removed`: a stream skips versions; the event after the gap links to a hash that
 *   is nowhere in the stream.
 * - `reordered`: a later version sits before an earlier one in the global log, or
 *   global positions do not increase.
 * - `inserted`: an event claims a stream version (or global position) that another
 *   event already holds and does not fork cleanly from its predecessor.
 * - `forked`: a well-formed event links to a predecessor that another event already
 *   follows: two histories branch from one event.
 * A stream rewritten wholesale with recomputed hashes passes this check: only the
 * signed checkpoints (checkpoint-verification.ts) can catch that, which is why they
 * exist.
 *
 * Memory is constant per stream: the verifier keeps each stream's head, not its
 * events, so it can run over the whole ledger as a stream. After a stream's first
 * break its later events are not judged: they would only repeat the same finding.
 */
import { GENESIS_HASH, HashableEvent, computeEventHash } from './hash-chain';

export interface ChainedEvent extends HashableEvent {
  globalPosition: number;
  prevHash: string;
  hash: string;
}

/** The last event of a stream before the verified range: its version and hash. */
export interface StreamHead {
  version: number;
  hash: string;
}

export interface ChainVerifierOptions {
  /** Stream heads just before the first verified event, for a range that does not start at the genesis. */
  knownHeads?: ReadonlyMap<string, StreamHead>;
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
  /** What an auditor needs to know, in one or two sentences. */
  detail: string;
}

export type ChainVerification = ChainsIntact | ChainBreak;

/** Where an event sits; `null` position for a head given by `knownHeads`. */
interface EventPlace {
  version: number;
  hash: string;
  prevHash: string | null;
  globalPosition: number | null;
  eventId: string | null;
}

interface StreamState {
  head: EventPlace;
  /** The event after a version gap, until the next event tells a removal from a reordering. */
  afterGap: { version: number; prevHash: string; globalPosition: number; eventId: string } | null;
  broken: boolean;
}

export class ChainVerifier {
  private readonly streams = new Map<string, StreamState>();
  private readonly knownHeads: ReadonlyMap<string, StreamHead>;
  private eventCount = 0;
  private lastPosition = -Infinity;
  private earliestBreak: ChainBreak | null = null;

  constructor(options: ChainVerifierOptions = {}) {
    this.knownHeads = options.knownHeads ?? new Map();
  }

  add(event: ChainedEvent): void {
    this.eventCount += 1;
    this.checkGlobalOrder(event);
    const stream = this.streamOf(event.streamId);
    if (stream.broken) return;
    const intact = computeEventHash(event.prevHash, event) === event.hash;
    if (stream.afterGap !== null) this.resolveGap(stream, event, intact);
    else if (event.streamVersion === stream.head.version + 1) this.checkNext(stream, event, intact);
    else if (event.streamVersion > stream.head.version + 1) this.checkGap(stream, event, intact);
    else this.checkTakenVersion(stream, event, intact);
  }

  finish(): ChainVerification {
    for (const [streamId, stream] of this.streams) {
      if (stream.afterGap !== null) this.reportRemoval(streamId, stream);
    }
    return this.earliestBreak ?? { status: 'intact', events: this.eventCount, streams: this.streams.size };
  }

  private checkGlobalOrder(event: ChainedEvent): void {
    if (event.globalPosition > this.lastPosition) {
      this.lastPosition = event.globalPosition;
    } else if (event.globalPosition === this.lastPosition) {
      this.report(event, 'inserted', `Two events claim global position ${event.globalPosition}; event ${event.eventId} is the second.`);
    } else {
      this.report(
        event,
        'reordered',
        `Event ${event.eventId} at global position ${event.globalPosition} comes after position ${this.lastPosition}: ` +
          'the global log is out of order.',
      );
    }
  }

  private checkNext(stream: StreamState, event: ChainedEvent, intact: boolean): void {
    const { head } = stream;
    if (!intact) {
      const link = event.prevHash === head.hash ? '' : ' and it no longer links to the previous event';
      this.breakStream(stream, event, 'altered',
        `${describe(event)} does not hash to its recorded hash ${short(event.hash)}: ` +
          `its content was changed after it was recorded${link}.`);
    } else if (event.prevHash === head.hash) {
      advanceHead(head, event);
    } else if (head.prevHash !== null && event.prevHash === head.prevHash) {
      this.breakStream(stream, event, 'forked',
        `${describe(event)} links to the same predecessor as version ${head.version} (event ${head.eventId}): ` +
          "the stream's history forks.");
    } else if (head.globalPosition !== null && head.eventId !== null) {
      const predecessor = { streamId: event.streamId, streamVersion: head.version, globalPosition: head.globalPosition, eventId: head.eventId };
      this.breakStream(stream, predecessor, 'altered',
        `Version ${head.version} of stream ${event.streamId} (event ${head.eventId}) hashes to ${short(head.hash)}, ` +
          `but its successor at global position ${event.globalPosition} recorded it as ${short(event.prevHash)}: ` +
          "it was rewritten and re-hashed after it was recorded (or its successor's link was).");
    } else {
      const expected = head.version === 0 ? 'the genesis hash' : `the known head ${short(head.hash)} of version ${head.version}`;
      this.breakStream(stream, event, 'altered', `${describe(event)} links to ${short(event.prevHash)} instead of ${expected}.`);
    }
  }

  private checkGap(stream: StreamState, event: ChainedEvent, intact: boolean): void {
    const { head } = stream;
    if (!intact) {
      this.breakStream(stream, event, 'altered',
        `${describe(event)} does not hash to its recorded hash ${short(event.hash)}: ` +
          'its content (perhaps its version) was changed after it was recorded.');
    } else if (event.prevHash === head.hash) {
      this.breakStream(stream, event, 'removed',
        `${describe(event)} links straight to version ${head.version}: ` +
          `${missingVersions(head.version, event.streamVersion)} removed and the chain re-linked.`);
    } else {
      const { streamVersion: version, prevHash, globalPosition, eventId } = event;
      stream.afterGap = { version, prevHash, globalPosition, eventId };
    }
  }

  private checkTakenVersion(stream: StreamState, event: ChainedEvent, intact: boolean): void {
    const { head } = stream;
    const sameVersionSamePredecessor =
      event.streamVersion === head.version && head.prevHash !== null && event.prevHash === head.prevHash;
    if (intact && sameVersionSamePredecessor && event.hash !== head.hash) {
      this.breakStream(stream, event, 'forked',
        `${describe(event)} is a second, different version ${head.version} following the same predecessor ` +
          `as event ${head.eventId}: the stream's history forks.`);
      return;
    }
    const copy = event.hash === head.hash ? ' (a second copy of the same event)' : '';
    this.breakStream(stream, event, 'inserted',
      `${describe(event)} claims version ${event.streamVersion}, which the stream already holds${copy}: the event was inserted.`);
  }

  /** The event after a gap was held back; the next one tells whether the missing versions come late or never. */
  private resolveGap(stream: StreamState, event: ChainedEvent, intact: boolean): void {
    const gap = stream.afterGap!;
    const missingArrivesLate =
      intact && event.streamVersion === stream.head.version + 1 && event.prevHash === stream.head.hash;
    if (!missingArrivesLate) {
      this.reportRemoval(event.streamId, stream);
      return;
    }
    stream.afterGap = null;
    this.breakStream(
      stream,
      { streamId: event.streamId, streamVersion: gap.version, globalPosition: gap.globalPosition, eventId: gap.eventId },
      'reordered',
      `Version ${gap.version} of stream ${event.streamId} (event ${gap.eventId}, global position ${gap.globalPosition}) ` +
        `is recorded before version ${event.streamVersion} (global position ${event.globalPosition}): ` +
        "the stream's events are out of order in the global log.",
    );
  }

  private reportRemoval(streamId: string, stream: StreamState): void {
    const gap = stream.afterGap!;
    stream.afterGap = null;
    this.breakStream(
      stream,
      { streamId, streamVersion: gap.version, globalPosition: gap.globalPosition, eventId: gap.eventId },
      'removed',
      `Version ${gap.version} of stream ${streamId} (event ${gap.eventId}, global position ${gap.globalPosition}) ` +
        `follows version ${stream.head.version}: ${missingVersions(stream.head.version, gap.version)} missing; ` +
        `it links to ${short(gap.prevHash)}, an event that is no longer in the log.`,
    );
  }

  private streamOf(streamId: string): StreamState {
    let stream = this.streams.get(streamId);
    if (stream === undefined) {
      const known = this.knownHeads.get(streamId);
      const head = known ?? { version: 0, hash: GENESIS_HASH };
      stream = { head: { ...head, prevHash: null, globalPosition: null, eventId: null }, afterGap: null, broken: false };
      this.streams.set(streamId, stream);
    }
    return stream;
  }

  private breakStream(stream: StreamState, at: BreakPlace, kind: ChainBreakKind, detail: string): void {
    stream.broken = true;
    this.report(at, kind, detail);
  }

  private report(at: BreakPlace, kind: ChainBreakKind, detail: string): void {
    if (this.earliestBreak !== null && this.earliestBreak.globalPosition <= at.globalPosition) return;
    const { streamId, streamVersion, globalPosition, eventId } = at;
    this.earliestBreak = { status: 'broken', kind, streamId, streamVersion, globalPosition, eventId, detail };
  }
}

/** Checks the hash chains of `events`, given in global-position order. */
export function verifyStreamChains(events: Iterable<ChainedEvent>, options?: ChainVerifierOptions): ChainVerification {
  const verifier = new ChainVerifier(options);
  for (const event of events) verifier.add(event);
  return verifier.finish();
}

type BreakPlace = Pick<ChainedEvent, 'streamId' | 'streamVersion' | 'globalPosition' | 'eventId'>;

/** In place: the verifier touches no new memory for an event that checks out. */
function advanceHead(head: EventPlace, event: ChainedEvent): void {
  head.version = event.streamVersion;
  head.hash = event.hash;
  head.prevHash = event.prevHash;
  head.globalPosition = event.globalPosition;
  head.eventId = event.eventId;
}

function describe(event: ChainedEvent): string {
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
