/**
 * Writes a batch of RowChanges into one projection schema. The batch is coalesced
 * (see `coalesce.ts`) and written as a handful of multi-row statements, so a rebuild
 * replays the history in large batches at a fraction of the per-event cost, with the
 * same result as applying every change on its own, in order.
 */
import { quoteIdentifier } from '../sql/identifiers';
import { coalesceRowChanges } from './coalesce';
import type { RowChange } from './row-change';
import { statementsForLayer } from './sql-statements';

/** A `pg`-style query function: a `pg` client or pool, or an adapter over a TypeORM QueryRunner. */
export type QueryFunction = (sql: string, params: unknown[]) => Promise<{ rows: unknown[] }>;

export class RowChangeApplier {
  constructor(private readonly schema: string) {
    quoteIdentifier(schema);
  }

  /** Applies the batch in a transaction of its own: all of it, or on any error none of it. */
  async applyInTransaction(query: QueryFunction, changes: readonly RowChange[]): Promise<void> {
    if (changes.length === 0) return;
    await query('BEGIN', []);
    try {
      await this.applyWithinTransaction(query, changes);
      await query('COMMIT', []);
    } catch (error) {
      await query('ROLLBACK', []);
      throw error;
    }
  }

  /**
   * Applies the batch inside the caller's open transaction, so the caller can commit
   * its consumer checkpoint in the same transaction (exactly-once effect).
   */
  async applyWithinTransaction(query: QueryFunction, changes: readonly RowChange[]): Promise<void> {
    for (const layer of coalesceRowChanges(changes)) {
      for (const statement of statementsForLayer(this.schema, layer)) {
        await query(statement.sql, statement.params);
      }
    }
  }
}
