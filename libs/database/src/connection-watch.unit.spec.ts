import { EventEmitter } from 'node:events';
import { guardCheckedOutClient, PostgresConnectionWatch } from './connection-watch';

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

    pool.emit('connect');
    pool.emit('error', new Error('Connection terminated unexpectedly'));
    pool.emit('error', new Error('Connection terminated unexpectedly'));
    pool.emit('connect');
    pool.emit('connect');

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

describe('guardCheckedOutClient', () => {
  it('swallows the error a checked-out client emits between queries until the guard is lifted', () => {
    const client = new EventEmitter();
    const stopGuarding = guardCheckedOutClient(client as never);
    expect(() => client.emit('error', new Error('terminated'))).not.toThrow();
    stopGuarding();
    expect(() => client.emit('error', new Error('terminated'))).toThrow('terminated');
  });
});
