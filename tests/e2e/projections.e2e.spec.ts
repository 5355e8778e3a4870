/**
 * The projection services end to end, on the built services: the ledger and the
 * outbox relay (`LedgerStack`) with both projectors beside them, each in its own
 * consumer group and as its own Kafka principal. Commands posted to the ledger over
 * HTTP appear in both views; the demo quarter answers every sample question of
 * DOMAIN.md; and projectors killed with SIGKILL while commands keep arriving, then
 * restarted, end with views identical, row by row, to a rebuild from scratch of the
 * same history (the rebuild script's own result, compared with the schema it retires).
 */
import type { CommandSubmission } from '@ledger/contracts';
import {
  comparableTables,
  compareSchemas,
  describeComparison,
  ownershipProjection,
  reportingProjection,
  SAMPLE_QUESTIONS,
  type Projection,
  type ProjectionLag,
} from '@ledger/projections';
import { createTestPool } from '@ledger/testing';
import type { Pool } from 'pg';
import { loadDemo } from '../../apps/cli/src/commands/demo/load-demo';
import { buildDemoDataset } from '../../apps/cli/src/demo/demo-dataset';
import { marchFirstBefore } from '../../apps/cli/src/demo/marketing-finance';
import { LedgerClient } from '../../apps/cli/src/ledger-client/ledger-client';
import { eventually } from '../support/eventually';
import { bearer, LedgerStack, PROJECTOR_APPS, type ProjectorApp } from '../support/ledger-stack';
import type { ServiceProcess } from '../support/service-process';
import { runRebuildScript } from '../support/view-rebuild';

jest.setTimeout(300_000);

const VIEWS: Record<ProjectorApp, { schema: string; projection: Projection }> = {
  'ownership-projector': { schema: 'ownership', projection: ownershipProjection() },
  'reporting-projector': { schema: 'reporting', projection: reportingProjection() },
};
const APPS = PROJECTOR_APPS;

/** The lag as the auditor sees it (lag is for whoever watches the pipeline). */
async function lagOf(projector: ServiceProcess, apiKey: string): Promise<ProjectionLag> {
  const response = await fetch(`${projector.url}/projection/lag`, { headers: bearer(apiKey) });
  if (!response.ok) throw new Error(`GET /projection/lag answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as ProjectionLag;
}

/** Streams whose version in the view differs from the ledger's: events not applied yet (or lost). */
async function streamsBehind(pool: Pool, schema: string): Promise<number> {
  const { rows } = await pool.query(
    `SELECT count(*)::int AS streams FROM ledger.streams s FULL JOIN ${schema}.stream_positions p USING (stream_id)
     WHERE s.version IS DISTINCT FROM p.version`,
  );
  return (rows[0] as { streams: number }).streams;
}

describe('the ownership and reporting projectors, end to end', () => {
  const dataset = buildDemoDataset(new Date(Math.floor(Date.now() / 1000) * 1000));
  let stack: LedgerStack;
  let client: LedgerClient;
  let pool: Pool;

  /** As the stack runs it: its own Kafka principal, with only the ACLs a projector gets; small batches, so a kill lands mid-stream. */
  const startProjector = (app: ProjectorApp) => stack.startProjector(app, { PROJECTOR_BATCH_SIZE: '20' });

  /** Every stream applied up to its version in the ledger, and every message on the topic consumed. */
  const caughtUp = (app: ProjectorApp) =>
    eventually(
      async () => (await streamsBehind(pool, VIEWS[app].schema)) === 0 && (await lagOf(stack.projector(app), stack.keys.auditor)).events === 0,
      `${app} to catch up with the ledger`,
    );

  beforeAll(async () => {
    stack = await LedgerStack.start('projections');
    client = new LedgerClient(stack.ledger.url, stack.keys.publisher);
    pool = createTestPool(stack.database.url, 2);
    for (const app of APPS) await startProjector(app);
  });

  afterAll(async () => {
    await pool?.end();
    await stack?.stop();
  });

  it('shows the commands posted to the ledger over HTTP in both views, every event applied once', async () => {
    await loadDemo(client, dataset);

    for (const app of APPS) {
      await caughtUp(app);
      const { schema } = VIEWS[app];
      for (const { partnershipId } of dataset.partnerships) {
        const recorded = await stack.eventsOf(partnershipId);
        const { rows } = await pool.query(`SELECT version FROM ${schema}.stream_positions WHERE stream_id = $1`, [`partnership-${partnershipId}`]);
        expect({ app, partnershipId, version: rows[0]?.version }).toEqual({ app, partnershipId, version: recorded.length });
      }
    }
    const { rows: partnerships } = await pool.query('SELECT partnership_id, status FROM ownership.partnership_overview ORDER BY 1');
    expect(partnerships).toEqual(dataset.partnerships.map(({ partnershipId }) => ({ partnership_id: partnershipId, status: 'active' })).sort((a, b) => a.partnership_id.localeCompare(b.partnership_id)));
    const { rows: health } = await pool.query('SELECT partnership_id, components_with_data FROM reporting.partnership_health');
    expect(health).toHaveLength(dataset.partnerships.length);
  });

  describe('answers each sample question of DOMAIN.md from the demo quarter', () => {
    const { calendar, now } = dataset;
    const lastMonth = calendar.periods('monthly').at(-2)!;
    const demoParameters: Record<string, unknown[]> = {
      'accountable-since': ['mkt-it', 'marketing-technology-investments'],
      'metrics-owned-off-target': ['sales'],
      'sla-share-per-week': ['sales', lastMonth.start, lastMonth.end],
      'overdue-contributions': [],
      'decisions-outside-rights': [],
      'conversion-against-target': ['mql-to-sql-rate', 'mql', calendar.start, now],
      'agreement-as-of': ['marketing', 'finance', marchFirstBefore(now)],
    };

    it.each(SAMPLE_QUESTIONS.map((question) => [question.question, question]))('%s', async (_question, { key, sql }) => {
      const { rows } = await pool.query(sql, demoParameters[key]);

      expect(rows.length).toBeGreaterThan(0);
    });
  });

  it('ends, after projectors are killed with SIGKILL mid-stream and restarted, with views identical to a rebuild from scratch', async () => {
    let posting = true;
    const observations = (async () => {
      for (let index = 1; index <= 400; index += 1) {
        const submission: CommandSubmission = {
          type: 'RecordSlaObservation',
          partnershipId: 'mkt-sales',
          idempotencyKey: `e2e-first-contact-${index}`,
          data: { observationId: `e2e-lead-${index}`, slaId: 'mql-first-contact', value: 5 + (index % 90), subject: `lead e2e-${index}` },
        };
        const { accepted } = await client.submitBatch([submission]);
        if (accepted !== 1) throw new Error(`Observation ${index} was refused.`);
      }
    })().finally(() => (posting = false));

    for (const app of APPS) {
      const before = (await lagOf(stack.projector(app), stack.keys.auditor)).appliedPosition;
      await eventually(async () => (await lagOf(stack.projector(app), stack.keys.auditor)).appliedPosition >= before + 30, `${app} to apply part of the stream`);
      expect({ app, postingWhenKilled: posting }).toEqual({ app, postingWhenKilled: true });
      // SIGKILL: no shutdown hook runs, whatever the process was doing.
      await stack.stopProjector(app, 'SIGKILL');
    }
    for (const app of APPS) await startProjector(app);
    await observations;

    for (const app of APPS) {
      await caughtUp(app);
      const rebuild = await runRebuildScript(app, stack.database.url);
      expect(rebuild).toMatchObject({ exitCode: 0, stderr: '' });
      const { schema, projection } = VIEWS[app];
      const retired = /previous one is kept as (\w+)/.exec(rebuild.stdout)?.[1];
      expect(retired).toMatch(new RegExp(`^${schema}_retired_\\d+$`));
      const comparison = await compareSchemas((sql, params) => pool.query(sql, params), schema, retired!, comparableTables(projection));
      expect(describeComparison(comparison)).toBe('Every table is equal, row by row.');
    }
  });
});
