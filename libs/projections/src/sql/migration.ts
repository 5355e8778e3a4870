/**
 * TypeORM migrations written as raw SQL statements. They are built per schema because
 * a rebuild creates a projection's tables and views in a new schema beside the live
 * one; TypeORM instantiates the returned classes itself.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export type MigrationClass = new () => MigrationInterface;

/** `name` must end with a 13-digit timestamp, which TypeORM orders migrations by. */
export function sqlMigration(name: string, up: readonly string[], down: readonly string[]): MigrationClass {
  return class implements MigrationInterface {
    readonly name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      for (const statement of up) await queryRunner.query(statement);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      for (const statement of down) await queryRunner.query(statement);
    }
  };
}
