/**
 * A fact family is one slice of the read model: a few base tables and the handlers
 * that turn the events about them into RowChanges. Both projections are assembled
 * from families, so a fact both views need (contributions, metrics, decision rights,
 * ...) is modelled and written the same way in each schema.
 *
 * Every base-table row carries `partnership_id` (first key column), and the
 * `last_position`, `occurred_at` and `recorded_at` of the event that last changed it,
 * so BI tools can refresh incrementally.
 */
import type { EventEnvelope, EventOfType, PartnershipEventType } from '@ledger/contracts';
import { insertIfAbsent, type ColumnValue, type Row, type RowChange } from '../row-changes/row-change';
import { qualifiedName } from '../sql/identifiers';

/** The columns every base-table row carries about the event that last changed it. */
export interface EventStamp {
  readonly last_position: number;
  readonly occurred_at: string;
  readonly recorded_at: string;
}

export interface EventContext {
  readonly partnershipId: string;
  readonly stamp: EventStamp;
}

export type FactHandler<T extends PartnershipEventType> = (
  event: EventEnvelope<EventOfType<T>>,
  context: EventContext,
) => RowChange[];

export type FactHandlers = { readonly [T in PartnershipEventType]?: FactHandler<T> };

export interface FactFamily {
  /** The family's tables, created in this order. */
  readonly tables: readonly string[];
  /** DDL creating the tables and their indexes in `schema`. */
  tableDefinitions(schema: string): string[];
  readonly handlers: FactHandlers;
}

/** DDL for the stamp columns, the same in every base table. */
export const EVENT_STAMP_COLUMNS = `last_position bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL`;

/** A row key: the partnership first, then the row's own key columns. */
export function rowKey(context: EventContext, columns: Row): Row {
  return { partnership_id: context.partnershipId, ...columns };
}

/** Row values with the stamp of the event that sets them. */
export function stamped(context: EventContext, values: Row): Row {
  return { ...values, ...context.stamp };
}

/**
 * An entry of an append-only history table. Its key ends with the event's position:
 * each event writes at most one entry per history table, and entries never change.
 */
export function historyEntry(context: EventContext, table: string, columns: Row, values: Row): RowChange {
  const { last_position, occurred_at, recorded_at } = context.stamp;
  return insertIfAbsent(table, { ...rowKey(context, columns), last_position }, { ...values, occurred_at, recorded_at });
}

/** Incremental BI refreshes read "everything changed after position N". */
export function positionIndex(schema: string, table: string): string {
  return `CREATE INDEX ON ${qualifiedName(schema, table)} (last_position)`;
}

/** Optional event fields are stored as SQL NULL. */
export function orNull<T extends ColumnValue>(value: T | undefined): T | null {
  return value === undefined ? null : value;
}
