/**
 * The example queries of the data dictionary answer DOMAIN.md's sample questions from
 * the BI views alone, run as the BI role over the realistic quarter, with the
 * parameters their documentation gives as examples.
 */
import type { Pool } from 'pg';
import { createBiReadPool } from '../query/bi-read-pool';
import { openBiTestDatabase, type BiTestDatabase } from '../testing/bi-test-database';
import { BI_EXAMPLE_QUERIES } from './example-queries';

jest.setTimeout(120_000);

describe('the example queries of the data dictionary', () => {
  let database: BiTestDatabase;
  let bi: Pool;

  beforeAll(async () => {
    database = await openBiTestDatabase();
    bi = createBiReadPool({ databaseUrl: database.url, max: 1, statementTimeoutMs: 10_000, applicationName: 'example-queries-test' });
  });

  afterAll(async () => {
    await bi?.end();
    await database?.close();
  });

  async function answer(key: string): Promise<Record<string, unknown>[]> {
    const example = BI_EXAMPLE_QUERIES.find((candidate) => candidate.key === key);
    if (!example) throw new Error(`No example query ${key}`);
    return (await bi.query(example.sql, example.parameters.map((parameter) => parameter.example))).rows;
  }

  it('names Marketing as accountable for marketing technology investments since the RACI was agreed', async () => {
    expect(await answer('accountable-since')).toEqual([
      { partnership_key: 'mkt-it', decision_area: 'marketing-technology-investments', accountable_team_key: 'marketing', accountable_since: new Date('2025-01-10T12:30:00Z') },
    ]);
  });

  it("lists the metrics Sales owns, the conversion and CRM adoption off target, the transferred one included", async () => {
    const rows = await answer('metrics-owned-off-target');
    expect(rows.map((row) => [row.metric_key, row.off_target])).toEqual([
      ['mkt-it~crm-adoption', true],
      ['mkt-sales~mql-to-sql-rate', true],
      ['mkt-sales~sourced-pipeline', false],
      ['mkt-sales~time-to-first-contact', false],
    ]);
  });

  it("gives Sales' share of MQLs contacted within the hour in each week of March", async () => {
    const rows = await answer('sla-share-per-week');
    expect(rows.map((row) => [row.week, Number(row.observations), Number(row.met), row.share_met])).toEqual([
      ['2025-W10', 4, 3, '0.750'],
      ['2025-W11', 5, 5, '1.000'],
      ['2025-W12', 4, 2, '0.500'],
    ]);
  });

  it('finds the one overdue contribution, owed by Marketing', async () => {
    expect((await answer('overdue-contributions')).map((row) => [row.partner, row.contribution_id])).toEqual([['marketing', 'c-lead-scores']]);
  });

  it('finds the two decisions Sales took while only consulted', async () => {
    expect((await answer('decisions-outside-rights')).map((row) => [row.decision_id, row.rights_held])).toEqual([
      ['d-budget-1', 'consulted'],
      ['d-sponsor-1', 'consulted'],
    ]);
  });

  it('shows the conversion against target month by month, and that two definitions of MQL were in force in the quarter', async () => {
    const rows = await answer('conversion-against-target');
    expect(rows.map((row) => [row.period, row.value, row.target, row.on_track, row.definitions_in_force])).toEqual([
      ['2025-01', '22', '25', false, '1,2'],
      ['2025-02', '26', '25', true, '1,2'],
      ['2025-03', '24', '28', false, '1,2'],
    ]);
  });

  it('gives the agreement version in force on 1 March in each partnership of Marketing and Finance, with its scope', async () => {
    const rows = await answer('agreement-as-of');
    expect(rows.map((row) => [row.partnership_key, row.agreement_version, row.signed_by_team_keys])).toEqual([
      ['mkt-finance', 1, 'finance,marketing'],
      ['mkt-sales', 1, 'finance,marketing,sales'],
    ]);
    expect(rows[0].scope).toMatchObject({ priorities: ['Marketing budget governance: grow qualified pipeline'] });
  });
});
