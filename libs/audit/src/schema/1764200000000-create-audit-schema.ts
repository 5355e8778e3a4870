/**
 * The audit's own tables, beside the ledger's (raw SQL, so they read as Postgres holds
 * them):
 *
 * - `audit.checkpoints`: every signed checkpoint, one per sealed tree size, with the
 *   position of the last event it seals. Append-only, like the events it seals: a
 *   checkpoint is evidence, and evidence is never edited.
 * - `audit.tree_state`: the sealer's cursor, one row: the tree size sealed so far, its
 *   compact range (the roots of its perfect subtrees) and the position of its last
 *   leaf, so each seal reads only the events recorded since the last one.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATEMENTS = [
  'CREATE SCHEMA IF NOT EXISTS audit',
  `CREATE TABLE audit.checkpoints (
    tree_size bigint PRIMARY KEY CHECK (tree_size > 0),
    root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
    last_position bigint NOT NULL,
    signed_note text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE audit.tree_state (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    tree_size bigint NOT NULL,
    subtree_roots bytea[] NOT NULL,
    last_position bigint NOT NULL,
    updated_at timestamptz NOT NULL
  )`,
  `CREATE FUNCTION audit.refuse_checkpoint_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'audit.checkpoints is append-only: % is refused', TG_OP USING ERRCODE = 'restrict_violation';
   END
   $$`,
  `CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON audit.checkpoints
     FOR EACH ROW EXECUTE FUNCTION audit.refuse_checkpoint_rewrite()`,
];

export class CreateAuditSchema1764200000000 implements MigrationInterface {
  name = 'CreateAuditSchema1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of STATEMENTS) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SCHEMA audit CASCADE');
  }
}
