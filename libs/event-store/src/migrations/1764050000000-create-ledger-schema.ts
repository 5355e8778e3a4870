/**
 * The event store's schema: the append-only event log, the per-stream head that gates
 * concurrent appends, the idempotency keys of past submissions and the relays'
 * positions. Written as raw SQL so the tables read exactly as Postgres will hold them.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

const EVENTS = `
  CREATE TABLE ledger.events (
    global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid NOT NULL UNIQUE,
    stream_id text NOT NULL,
    stream_version int NOT NULL,
    type text NOT NULL,
    schema_version int NOT NULL,
    data jsonb NOT NULL,
    actor text NOT NULL,
    source_system text NOT NULL,
    correlation_id text NOT NULL,
    causation_id text NULL,
    occurred_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL,
    prev_hash char(64) NOT NULL,
    hash char(64) NOT NULL,
    transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
    UNIQUE (stream_id, stream_version)
  )`;

/** (transaction_id, global_position) serves readAll's commit-safe order, see event-store.ts. */
const EVENT_INDEXES = [
  'CREATE INDEX events_recorded_at_idx ON ledger.events (recorded_at)',
  'CREATE INDEX events_occurred_at_idx ON ledger.events (occurred_at)',
  'CREATE INDEX events_correlation_id_idx ON ledger.events (correlation_id)',
  'CREATE INDEX events_type_idx ON ledger.events (type)',
  'CREATE INDEX events_commit_order_idx ON ledger.events (transaction_id, global_position)',
];

/** The chain head, so an append checks its expected version and links its hash without scanning events. */
const STREAMS = `
  CREATE TABLE ledger.streams (
    stream_id text PRIMARY KEY,
    version int NOT NULL,
    last_hash char(64) NOT NULL,
    updated_at timestamptz NOT NULL
  )`;

const IDEMPOTENCY_KEYS = `
  CREATE TABLE ledger.idempotency_keys (
    key text PRIMARY KEY,
    request_hash text NOT NULL,
    stream_id text NOT NULL,
    result jsonb NOT NULL,
    recorded_at timestamptz NOT NULL
  )`;

const RELAY_POSITIONS = `
  CREATE TABLE ledger.relay_positions (
    relay_name text PRIMARY KEY,
    position bigint NOT NULL,
    updated_at timestamptz NOT NULL
  )`;

/**
 * History is never rewritten: a careless script gets an error instead of a silent
 * edit. TRUNCATE skips row triggers, hence its own statement trigger. An auditor's
 * tamper test disables these explicitly (`ALTER TABLE ... DISABLE TRIGGER USER`), as
 * only the table owner or a superuser can.
 */
const APPEND_ONLY_GUARD = [
  `CREATE FUNCTION ledger.refuse_event_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'ledger.events is append-only: % is refused', TG_OP
       USING ERRCODE = 'restrict_violation',
             HINT = 'Record a correcting event instead of changing history.';
   END
   $$`,
  `CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON ledger.events
     FOR EACH ROW EXECUTE FUNCTION ledger.refuse_event_rewrite()`,
  `CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON ledger.events
     FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_event_rewrite()`,
];

export class CreateLedgerSchema1764050000000 implements MigrationInterface {
  name = 'CreateLedgerSchema1764050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      'CREATE SCHEMA IF NOT EXISTS ledger',
      EVENTS,
      ...EVENT_INDEXES,
      STREAMS,
      IDEMPOTENCY_KEYS,
      RELAY_POSITIONS,
      ...APPEND_ONLY_GUARD,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SCHEMA ledger CASCADE');
  }
}
