import { Client } from 'pg';
import { createTestDatabase, createTestPool } from './postgres';

describe('a test database and its pool', () => {
  it('outlives an idle pooled connection terminated by the server, as drop() terminates the ones still closing', async () => {
    const database = await createTestDatabase('al_test_testing');
    const pool = createTestPool(database.url, 2);
    try {
      const pooled = await pool.connect();
      const { rows } = await pooled.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      pooled.release();

      const admin = new Client({ connectionString: database.url });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      await admin.end();

      // The terminated connection leaves the pool; a fresh one answers.
      await expect(waitUntil(() => pool.idleCount === 0)).resolves.toBe(true);
      await expect(pool.query('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
