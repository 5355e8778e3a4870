/** Readiness of the database a service writes to or reads from: a round trip answers. */
import type { DataSource } from 'typeorm';

export function postgresReadiness(dataSource: DataSource): { name: string; check(): Promise<void> } {
  return { name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) };
}
