import { EventEmitter } from 'node:events';
import { PostgresConnectionWatch } from './connection-watch';

function recordingLogger() {
  const lines: { level: string; message: string; context: Record<string, unknown> }[] = [];
  return {
    lines,
    warn: (context: object, message: string) => lines.push({ level: 'warn', message, context: context as Record<string, unknown> }),
    info: (context: object, message: string) => lines.push({ level: 'info', message, context: context as Record<string, unknown> }),
  };
}

describe('PostgresConnectionWatch', () => {
  it('says once that PostgreSQL is gone, however many connections break, and once that it is back', () => {
    const logger = recordingLogger();
    const pool = new EventEmitter();
    new PostgresConnectionWatch(logger, 'ledger').watch(pool as never);

    pool.emit('connect', new EventEmitter());
    pool.emit('error', new Error('Connection terminated unexpectedly'));
    pool.emit('error', new Error('Connection terminated unexpectedly'));
    pool.emit('connect', new EventEmitter());
    pool.emit('connect', new EventEmitter());

    expect(logger.lines.map(({ level, message }) => `${level}: ${message}`)).toEqual([
      'warn: PostgreSQL is unreachable; retrying with backoff',
      'info: PostgreSQL is reachable again',
    ]);
    expect(logger.lines[0]!.context).toMatchObject({ dependency: 'postgres', pool: 'ledger', reason: 'Connection terminated unexpectedly' });
    expect(logger.lines[1]!.context.downForMs).toEqual(expect.any(Number));
  });

  it('keeps a broken pooled connection from crashing the process: the pool has an error listener', () => {
    const pool = new EventEmitter();
    new PostgresConnectionWatch(recordingLogger(), 'relay').watch(pool as never);
    expect(() => pool.emit('error', new Error('ECONNRESET'))).not.toThrow();
  });
});

describe('PostgresConnectionWatch on connections in use', () => {
  it('swallows the error a connection emits between queries while a caller holds it, and says PostgreSQL is gone', () => {
    const logger = recordingLogger();
    const pool = new EventEmitter();
    new PostgresConnectionWatch(logger, 'projector').watch(pool as never);
    const client = new EventEmitter();
    pool.emit('connect', client);

    expect(() => client.emit('error', new Error('terminated'))).not.toThrow();
    expect(logger.lines.map(({ message }) => message)).toEqual(['PostgreSQL is unreachable; retrying with backoff']);
  });
});
