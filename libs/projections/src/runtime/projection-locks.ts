/**
 * The PostgreSQL advisory locks that keep projection writers out of each other's way,
 * on every instance at once (they live in the database, not in a process):
 *
 * - the switch lock, per live projection: every batch a consumer applies holds it in
 *   SHARED mode for its transaction; a rebuild takes it EXCLUSIVE to catch up and swap
 *   schemas, so live appliers everywhere pause for that moment and resume on the new
 *   schema;
 * - the rebuild lock, per projection: one rebuild at a time, held by a session, so it
 *   is freed even when the rebuilding process dies.
 *
 * (Streams are serialised by row locks on their stored positions, see `checkpoints.ts`.)
 */
import type { QueryFunction } from '../row-changes/row-change-applier';

const SWITCH_LOCK_CLASS = 'alignment-ledger:projection-switch';
const REBUILD_LOCK_CLASS = 'alignment-ledger:projection-rebuild';

export async function holdSwitchLockShared(query: QueryFunction, liveSchema: string): Promise<void> {
  await query('SELECT pg_advisory_xact_lock_shared(hashtext($1), hashtext($2))', [SWITCH_LOCK_CLASS, liveSchema]);
}

/** Waits until every live batch of the projection has committed, and keeps new ones waiting until this transaction ends. */
export async function holdSwitchLockExclusive(query: QueryFunction, liveSchema: string): Promise<void> {
  await query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [SWITCH_LOCK_CLASS, liveSchema]);
}

/** True when this session now holds the rebuild lock; false when another rebuild holds it. */
export async function tryRebuildLock(query: QueryFunction, liveSchema: string): Promise<boolean> {
  const { rows } = await query('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS acquired', [REBUILD_LOCK_CLASS, liveSchema]);
  return (rows as { acquired: boolean }[])[0].acquired;
}

export async function releaseRebuildLock(query: QueryFunction, liveSchema: string): Promise<void> {
  await query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [REBUILD_LOCK_CLASS, liveSchema]);
}
