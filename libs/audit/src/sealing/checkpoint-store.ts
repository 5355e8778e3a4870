/**
 * Reads and writes the audit tables: the signed checkpoints and the sealer's tree
 * state (schema in ../schema). Reads go through the pool; the sealer's writes go
 * through the query runner of its own transaction, so a seal is stored whole or not
 * at all.
 */
import type { CompactRange } from '@ledger/integrity';
import type { DataSource, QueryRunner } from 'typeorm';

export interface StoredCheckpoint {
  treeSize: number;
  rootHash: Buffer;
  /** Global position of the last event the checkpoint seals (leaf `treeSize - 1`). */
  lastPosition: number;
  /** The C2SP signed note. */
  signedNote: string;
  createdAt: string;
}

/** What the sealer has sealed so far: the tree's compact range and the position of its last leaf. */
export interface TreeState extends CompactRange {
  lastPosition: number;
}

export const EMPTY_TREE_STATE: TreeState = { size: 0, subtreeRoots: [], lastPosition: 0 };

interface CheckpointRow {
  tree_size: string;
  root_hash: Buffer;
  last_position: string;
  signed_note: string;
  created_at: Date;
}

const CHECKPOINT_COLUMNS = 'tree_size, root_hash, last_position, signed_note, created_at';

type Query = Pick<DataSource | QueryRunner, 'query'>;

export class CheckpointStore {
  constructor(private readonly dataSource: DataSource) {}

  /** In signing order (increasing tree size), after `afterTreeSize`. */
  async list(options: { afterTreeSize?: number; limit?: number } = {}): Promise<StoredCheckpoint[]> {
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT ${CHECKPOINT_COLUMNS} FROM audit.checkpoints WHERE tree_size > $1 ORDER BY tree_size LIMIT $2`,
      [options.afterTreeSize ?? 0, options.limit ?? null],
    );
    return rows.map(toCheckpoint);
  }

  async latest(): Promise<StoredCheckpoint | null> {
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT ${CHECKPOINT_COLUMNS} FROM audit.checkpoints ORDER BY tree_size DESC LIMIT 1`,
    );
    return rows.length === 0 ? null : toCheckpoint(rows[0]!);
  }

  async atSize(treeSize: number): Promise<StoredCheckpoint | null> {
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT ${CHECKPOINT_COLUMNS} FROM audit.checkpoints WHERE tree_size = $1`,
      [treeSize],
    );
    return rows.length === 0 ? null : toCheckpoint(rows[0]!);
  }

  /** The first checkpoint sealing at least `treeSize` leaves. */
  async firstCovering(treeSize: number): Promise<StoredCheckpoint | null> {
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT ${CHECKPOINT_COLUMNS} FROM audit.checkpoints WHERE tree_size >= $1 ORDER BY tree_size LIMIT 1`,
      [treeSize],
    );
    return rows.length === 0 ? null : toCheckpoint(rows[0]!);
  }

  treeState(): Promise<TreeState> {
    return readTreeState(this.dataSource, false);
  }
}

/** The tree state; with `lock`, its row stays locked until the caller's transaction ends. */
export async function readTreeState(query: Query, lock: boolean): Promise<TreeState> {
  const rows: { tree_size: string; subtree_roots: Buffer[]; last_position: string }[] = await query.query(
    `SELECT tree_size, subtree_roots, last_position FROM audit.tree_state ${lock ? 'FOR UPDATE' : ''}`,
  );
  if (rows.length === 0) return EMPTY_TREE_STATE;
  const [row] = rows;
  return { size: Number(row!.tree_size), subtreeRoots: row!.subtree_roots, lastPosition: Number(row!.last_position) };
}

/** Stores a new checkpoint and moves the tree state to it, inside the caller's transaction. */
export async function storeSeal(query: Query, state: TreeState, checkpoint: Omit<StoredCheckpoint, 'createdAt'>, at: Date): Promise<void> {
  await query.query(
    `INSERT INTO audit.checkpoints (tree_size, root_hash, last_position, signed_note, created_at) VALUES ($1, $2, $3, $4, $5)`,
    [checkpoint.treeSize, checkpoint.rootHash, checkpoint.lastPosition, checkpoint.signedNote, at.toISOString()],
  );
  await query.query(
    `INSERT INTO audit.tree_state (singleton, tree_size, subtree_roots, last_position, updated_at) VALUES (true, $1, $2, $3, $4)
     ON CONFLICT (singleton) DO UPDATE
       SET tree_size = excluded.tree_size, subtree_roots = excluded.subtree_roots,
           last_position = excluded.last_position, updated_at = excluded.updated_at`,
    [state.size, state.subtreeRoots, state.lastPosition, at.toISOString()],
  );
}

function toCheckpoint(row: CheckpointRow): StoredCheckpoint {
  return {
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash,
    lastPosition: Number(row.last_position),
    signedNote: row.signed_note,
    createdAt: row.created_at.toISOString(),
  };
}
