/**
 * Inclusion proofs (this event is leaf i of the tree a checkpoint signs) and
 * consistency proofs (this checkpoint's tree extends that one's), RFC 6962 style, so an
 * auditor holding signed checkpoints can check single events and the log's growth
 * without reading the whole log.
 *
 * Cost: the service keeps no per-leaf hashes; a proof for a tree of n leaves reads the
 * first n events' positions and hashes in commit order (two narrow columns) and hashes
 * n leaves, holding about 100 bytes per leaf meanwhile: well under a second per million
 * events on a warm database. Proofs are asked for rarely, and the log stays the one
 * source of the leaves.
 */
import { consistencyProof, eventLeafHash, inclusionProof } from '@ledger/integrity';
import { AuditError } from '../audit-error';
import type { CheckpointStore, StoredCheckpoint } from '../sealing/checkpoint-store';
import type { CommittedLog } from '../log/committed-log';

export interface InclusionProofAnswer {
  eventId: string;
  globalPosition: number;
  /** Zero-based index of the event's leaf in the log's commit order. */
  leafIndex: number;
  treeSize: number;
  /** Hex SHA-256 leaf hash (RFC 6962, over `eventLeafData`). */
  leafHash: string;
  /** Hex hashes, from the leaf upwards (RFC 6962 PATH). */
  proof: string[];
  /** The signed checkpoint whose root the proof leads to. */
  checkpoint: string;
}

export interface ConsistencyProofAnswer {
  fromTreeSize: number;
  toTreeSize: number;
  /** Hex hashes (RFC 6962 PROOF). */
  proof: string[];
  fromCheckpoint: string;
  toCheckpoint: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class LedgerProofs {
  constructor(
    private readonly log: CommittedLog,
    private readonly checkpoints: CheckpointStore,
  ) {}

  /** Proof that the event is in the tree of checkpoint `treeSize` (default: the latest checkpoint). */
  async inclusion(eventId: string, treeSize?: number): Promise<InclusionProofAnswer> {
    const event = await this.sealedPlaceOf(eventId);
    const checkpoint = treeSize === undefined ? await this.latestCheckpoint() : await this.checkpointAt(treeSize, 'treeSize');
    if (event.leafIndex >= checkpoint.treeSize) {
      throw new AuditError(
        'conflict',
        'audit.event-not-sealed',
        `Event ${eventId} is leaf ${event.leafIndex} of the log, beyond the ${checkpoint.treeSize} leaves of that checkpoint: ` +
          'it was recorded after it was signed; ask again once a later checkpoint seals it.',
        'treeSize',
      );
    }
    const leaves = await this.firstLeaves(checkpoint.treeSize);
    return {
      eventId,
      globalPosition: event.globalPosition,
      leafIndex: event.leafIndex,
      treeSize: checkpoint.treeSize,
      leafHash: leaves[event.leafIndex]!.toString('hex'),
      proof: inclusionProof(leaves, event.leafIndex).map(hex),
      checkpoint: checkpoint.signedNote,
    };
  }

  /** Proof that checkpoint `toTreeSize` extends checkpoint `fromTreeSize`. */
  async consistency(fromTreeSize: number, toTreeSize: number): Promise<ConsistencyProofAnswer> {
    if (fromTreeSize > toTreeSize) {
      throw new AuditError('invalid', 'audit.invalid-range', `from (${fromTreeSize}) must not be larger than to (${toTreeSize}).`, 'from');
    }
    const [from, to] = [await this.checkpointAt(fromTreeSize, 'from'), await this.checkpointAt(toTreeSize, 'to')];
    const leaves = await this.firstLeaves(toTreeSize);
    return {
      fromTreeSize,
      toTreeSize,
      proof: consistencyProof(leaves, fromTreeSize).map(hex),
      fromCheckpoint: from.signedNote,
      toCheckpoint: to.signedNote,
    };
  }

  /** The leaf hashes of the first `treeSize` events in commit order. */
  async firstLeaves(treeSize: number): Promise<Buffer[]> {
    const leaves: Buffer[] = [];
    for await (const page of this.log.leaves({ limit: treeSize })) {
      for (const entry of page.items) leaves.push(eventLeafHash(entry.globalPosition, entry.hash));
    }
    if (leaves.length < treeSize) {
      throw new AuditError(
        'conflict',
        'audit.sealed-events-missing',
        `A checkpoint seals ${treeSize} events but the log now holds only ${leaves.length}: sealed events were removed. Run a verification.`,
      );
    }
    return leaves;
  }

  private async sealedPlaceOf(eventId: string): Promise<{ globalPosition: number; leafIndex: number }> {
    if (!UUID.test(eventId)) throw new AuditError('invalid', 'audit.invalid-event-id', `"${eventId}" is not an event id (a UUID).`, 'eventId');
    const cursor = await this.log.cursorOfEvent(eventId);
    if (!cursor) throw new AuditError('not-found', 'audit.event-not-found', `No event ${eventId} is recorded in the ledger.`, 'eventId');
    return { globalPosition: cursor.position, leafIndex: await this.log.leafIndexOf(cursor) };
  }

  private async latestCheckpoint(): Promise<StoredCheckpoint> {
    const latest = await this.checkpoints.latest();
    if (!latest) throw new AuditError('not-found', 'audit.no-checkpoint', 'Nothing is sealed yet: no checkpoint has been signed.');
    return latest;
  }

  private async checkpointAt(treeSize: number, field: string): Promise<StoredCheckpoint> {
    const checkpoint = await this.checkpoints.atSize(treeSize);
    if (!checkpoint) {
      throw new AuditError(
        'not-found',
        'audit.checkpoint-not-found',
        `No checkpoint seals exactly ${treeSize} events; GET /audit/checkpoints lists the signed tree sizes.`,
        field,
      );
    }
    return checkpoint;
  }
}

function hex(hash: Buffer): string {
  return hash.toString('hex');
}

