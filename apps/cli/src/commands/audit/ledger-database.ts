/**
 * A connection to the ledger's database for the commands that read it directly, opened
 * and closed around one command, with one clear line when it cannot be reached.
 */
import { CheckpointStore, CommittedLog } from '@ledger/audit';
import { EventStore, openEventStoreDataSource } from '@ledger/event-store';
import type { DataSource } from 'typeorm';
import { CliError } from '../../cli-error';

export interface LedgerDatabase {
  url: string;
  dataSource: DataSource;
  eventStore: EventStore;
  log: CommittedLog;
  checkpoints: CheckpointStore;
}

/** A connection that breaks mid-command says so on stderr (the command then fails with its query's error). */
const CONNECTION_LINES = {
  warn: (_context: object, message: string) => void process.stderr.write(`${message}\n`),
  info: (_context: object, message: string) => void process.stderr.write(`${message}\n`),
};

/** Runs `work` with the database open, and closes it whatever happens. */
export async function withLedgerDatabase<T>(url: string, work: (database: LedgerDatabase) => Promise<T>): Promise<T> {
  let dataSource: DataSource | undefined;
  try {
    dataSource = await openEventStoreDataSource({ url, poolSize: 4, applicationName: 'ledgerctl-audit', logger: CONNECTION_LINES });
    await dataSource.query('SELECT 1 FROM ledger.events LIMIT 1');
  } catch (error) {
    if (dataSource?.isInitialized) await dataSource.destroy();
    throw new CliError(`Cannot read the ledger's database at ${redacted(url)} (${error instanceof Error ? error.message : String(error)}); set it with --database-url or DATABASE_URL.`);
  }
  try {
    return await work({ url, dataSource, eventStore: new EventStore(dataSource), log: new CommittedLog(dataSource), checkpoints: new CheckpointStore(dataSource) });
  } finally {
    await dataSource.destroy();
  }
}

/** The URL without its password, fit for an error line. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the given URL';
  }
}
