/**
 * Drops two indexes of `ledger.events` that no reader uses: nothing filters the log by
 * event type or by business time (as-of by business time replays one stream, read by
 * its own index). Every index is paid for on every append; these bought nothing.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DropUnreadEventIndexes1764700000000 implements MigrationInterface {
  name = 'DropUnreadEventIndexes1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS ledger.events_type_idx');
    await queryRunner.query('DROP INDEX IF EXISTS ledger.events_occurred_at_idx');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX events_occurred_at_idx ON ledger.events (occurred_at)');
    await queryRunner.query('CREATE INDEX events_type_idx ON ledger.events (type)');
  }
}
