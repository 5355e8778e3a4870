import { KeyedSerializer } from './keyed-serializer';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedSerializer', () => {
  it('runs tasks with the same key one after another, in submission order', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
    };
    await Promise.all([serializer.run('a', task('1')), serializer.run('a', task('2'))]);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('runs tasks with different keys concurrently', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
    };
    await Promise.all([serializer.run('a', task('a')), serializer.run('b', task('b'))]);
    expect(log.slice(0, 2)).toEqual(['start a', 'start b']);
  });

  it('keeps going after a failed task and forgets idle keys', async () => {
    const serializer = new KeyedSerializer();
    await expect(serializer.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(serializer.run('a', async () => 42)).resolves.toBe(42);
    await tick();
    expect(serializer.activeKeys).toBe(0);
  });
});
