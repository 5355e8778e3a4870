import { periodOf } from '@ledger/domain';
import { openProjectionTestDatabase, feedHistory, type ProjectionTestDatabase } from '../testing/projection-test-database';
import { alignmentQuarterHistory, MKT_FINANCE, MKT_IT, MKT_SALES, ScenarioPlan } from '../testing/scenario';
import { OWNERSHIP_PROJECTION } from './ownership.projection';

describe('the ownership views, after the first quarter of 2025', () => {
  let database: ProjectionTestDatabase;
  const select = async (sql: string, params: unknown[] = []) => (await database.query(sql, params)).rows as any[];

  beforeAll(async () => {
    database = await openProjectionTestDatabase([OWNERSHIP_PROJECTION]);
    // One metric gets a target for the period that is current when the test runs.
    const today = new ScenarioPlan(MKT_SALES);
    today.target(new Date().toISOString(), 'mql-volume', periodOf(new Date(), 'monthly'), 500);
    const history = alignmentQuarterHistory(today.planned);
    await feedHistory(database.pool, OWNERSHIP_PROJECTION, history, (batch) => 7 + batch * 13);
  }, 60_000);

  afterAll(() => database.close());

  it('names who is accountable for marketing technology investments in Marketing-IT, and since when', async () => {
    const rows = await select(
      `SELECT team_id, held_since FROM ownership.decision_rights_held
       WHERE partnership_id = $1 AND decision_area = 'marketing-technology-investments' AND role = 'accountable'`,
      [MKT_IT],
    );
    expect(rows).toEqual([{ team_id: 'marketing', held_since: new Date('2025-01-10T12:30:00Z') }]);
  });

  it('shows the RACI matrix as it stands, without a right that was revoked', async () => {
    const rows = await select(
      `SELECT decision_area, responsible, accountable, consulted, informed FROM ownership.raci_matrix
       WHERE partnership_id = $1 ORDER BY decision_area`,
      [MKT_SALES],
    );
    expect(rows).toEqual([
      { decision_area: 'campaign-budget', responsible: ['marketing'], accountable: ['marketing'], consulted: ['sales'], informed: ['finance'] },
      { decision_area: 'event-sponsorships', responsible: ['marketing', 'sales'], accountable: [], consulted: ['sales'], informed: [] },
      { decision_area: 'lead-routing-rules', responsible: ['sales'], accountable: ['marketing'], consulted: [], informed: ['finance'] },
    ]);
  });

  it("tells a metric's owner since when, and who owned it before", async () => {
    const [metric] = await select(
      `SELECT owner_team_id, owner_since FROM ownership.metric_ownership WHERE partnership_id = $1 AND metric_id = 'time-to-first-contact'`,
      [MKT_SALES],
    );
    expect(metric).toEqual({ owner_team_id: 'sales', owner_since: new Date('2025-02-03T10:00:00Z') });
    const history = await select(
      `SELECT from_team_id, owner_team_id, owned_from, owned_until FROM ownership.metric_ownership_history
       WHERE partnership_id = $1 AND metric_id = 'time-to-first-contact' ORDER BY last_position`,
      [MKT_SALES],
    );
    expect(history).toEqual([
      { from_team_id: null, owner_team_id: 'marketing', owned_from: new Date('2025-01-07T10:00:00Z'), owned_until: new Date('2025-02-03T10:00:00Z') },
      { from_team_id: 'marketing', owner_team_id: 'sales', owned_from: new Date('2025-02-03T10:00:00Z'), owned_until: null },
    ]);
  });

  it('lists every asset with its owner, steward and usage parameters', async () => {
    const rows = await select(
      `SELECT asset_id, owner_team_id, steward, usage FROM ownership.asset_register WHERE partnership_id = $1 ORDER BY asset_id`,
      [MKT_SALES],
    );
    expect(rows).toEqual([
      {
        asset_id: 'crm',
        owner_team_id: 'sales',
        steward: 'Sales operations lead',
        usage: [{ name: 'access', value: 'Marketing reads leads and activities' }, { name: 'retention', value: '24 months' }],
      },
      { asset_id: 'lead-scoring-model', owner_team_id: 'marketing', steward: 'Marketing operations analyst', usage: [{ name: 'refresh', value: 'daily' }] },
    ]);
  });

  it('gives every contribution its status today, by partner', async () => {
    const rows = await select(
      `SELECT team_id, contribution_id, status, delivered_on_time, days_past_due FROM ownership.contribution_status
       WHERE partnership_id = $1 ORDER BY team_id, contribution_id`,
      [MKT_SALES],
    );
    expect(rows).toEqual([
      { team_id: 'marketing', contribution_id: 'c-lead-scores', status: 'overdue', delivered_on_time: null, days_past_due: expect.any(Number) },
      { team_id: 'marketing', contribution_id: 'c-mql-handoff', status: 'delivered', delivered_on_time: true, days_past_due: 0 },
      { team_id: 'marketing', contribution_id: 'c-playbook', status: 'committed', delivered_on_time: null, days_past_due: 0 },
      { team_id: 'sales', contribution_id: 'c-event-budget', status: 'withdrawn', delivered_on_time: null, days_past_due: null },
      { team_id: 'sales', contribution_id: 'c-sdr-team', status: 'delivered', delivered_on_time: false, days_past_due: 6 },
    ]);
    expect(rows[0].days_past_due).toBeGreaterThan(200);
  });

  it('lists everything Sales owns or answers for, across all partnerships', async () => {
    const rows = await select(
      `SELECT partnership_id, item_kind, item_id, responsibility FROM ownership.team_responsibilities
       WHERE team_id = 'sales' ORDER BY partnership_id, item_kind, item_id`,
    );
    expect(rows).toEqual([
      { partnership_id: MKT_IT, item_kind: 'metric', item_id: 'crm-adoption', responsibility: 'owner' },
      { partnership_id: MKT_SALES, item_kind: 'asset', item_id: 'crm', responsibility: 'owner' },
      { partnership_id: MKT_SALES, item_kind: 'contribution', item_id: 'c-sdr-team', responsibility: 'contributor' },
      { partnership_id: MKT_SALES, item_kind: 'decision-area', item_id: 'event-sponsorships', responsibility: 'responsible' },
      { partnership_id: MKT_SALES, item_kind: 'decision-area', item_id: 'lead-routing-rules', responsibility: 'responsible' },
      { partnership_id: MKT_SALES, item_kind: 'metric', item_id: 'mql-to-sql-rate', responsibility: 'owner' },
      { partnership_id: MKT_SALES, item_kind: 'metric', item_id: 'sourced-pipeline', responsibility: 'owner' },
      { partnership_id: MKT_SALES, item_kind: 'metric', item_id: 'time-to-first-contact', responsibility: 'owner' },
    ]);
  });

  it('finds the gaps of every agreement', async () => {
    const rows = await select(`SELECT partnership_id, gap, subject FROM ownership.agreement_gaps ORDER BY partnership_id, gap, subject`);
    expect(rows).toEqual([
      { partnership_id: MKT_FINANCE, gap: 'missing-rule-of-engagement', subject: 'asset-management' },
      { partnership_id: MKT_FINANCE, gap: 'missing-rule-of-engagement', subject: 'decision-making' },
      { partnership_id: MKT_FINANCE, gap: 'missing-rule-of-engagement', subject: 'performance' },
      { partnership_id: MKT_FINANCE, gap: 'partner-without-contribution', subject: 'marketing' },
      { partnership_id: MKT_IT, gap: 'metric-without-current-target', subject: 'crm-adoption' },
      { partnership_id: MKT_IT, gap: 'metric-without-current-target', subject: 'time-to-data-access' },
      { partnership_id: MKT_IT, gap: 'missing-rule-of-engagement', subject: 'asset-management' },
      { partnership_id: MKT_SALES, gap: 'decision-area-without-accountable', subject: 'event-sponsorships' },
      // mql-volume has a target for the current month, the others do not.
      { partnership_id: MKT_SALES, gap: 'metric-without-current-target', subject: 'mql-to-sql-rate' },
      { partnership_id: MKT_SALES, gap: 'metric-without-current-target', subject: 'sourced-pipeline' },
      { partnership_id: MKT_SALES, gap: 'metric-without-current-target', subject: 'time-to-first-contact' },
      { partnership_id: MKT_SALES, gap: 'partner-without-contribution', subject: 'finance' },
    ]);
  });

  it('shows each partnership with its status, agreement version in force and partners', async () => {
    const rows = await select(
      `SELECT partnership_id, status, agreement_version_in_force, agreement_in_force_since, partner_team_ids
       FROM ownership.partnership_overview ORDER BY partnership_id`,
    );
    expect(rows).toEqual([
      { partnership_id: MKT_FINANCE, status: 'suspended', agreement_version_in_force: 2, agreement_in_force_since: new Date('2025-03-15T08:00:00Z'), partner_team_ids: ['finance', 'marketing'] },
      { partnership_id: MKT_IT, status: 'active', agreement_version_in_force: 1, agreement_in_force_since: new Date('2025-01-10T08:00:00Z'), partner_team_ids: ['it', 'marketing'] },
      { partnership_id: MKT_SALES, status: 'active', agreement_version_in_force: 2, agreement_in_force_since: new Date('2025-03-20T08:00:00Z'), partner_team_ids: ['finance', 'marketing', 'sales'] },
    ]);
  });

  it('tells what the Marketing-Finance agreement said on 1 March, though it was amended since', async () => {
    const asOf = async (instant: string) =>
      select(
        `SELECT agreement_version, scope->'priorities' AS priorities, signed_by FROM ownership.agreement_version_history
         WHERE partnership_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)`,
        [MKT_FINANCE, instant],
      );
    expect(await asOf('2025-03-01T00:00:00Z')).toEqual([
      { agreement_version: 1, priorities: ['Marketing budget governance: grow qualified pipeline'], signed_by: ['finance', 'marketing'] },
    ]);
    expect(await asOf(new Date().toISOString())).toEqual([
      { agreement_version: 2, priorities: ['Quarterly reforecast of campaign spend'], signed_by: ['finance', 'marketing'] },
    ]);
  });
});
