import { openProjectionTestDatabase, feedHistory, type ProjectionTestDatabase } from '../testing/projection-test-database';
import { alignmentQuarterHistory, MKT_FINANCE, MKT_IT, MKT_SALES } from '../testing/scenario';
import { REPORTING_PROJECTION } from './reporting.projection';

describe('the reporting views, after the first quarter of 2025', () => {
  let database: ProjectionTestDatabase;
  const select = async (sql: string, params: unknown[] = []) => (await database.query(sql, params)).rows as any[];

  beforeAll(async () => {
    database = await openProjectionTestDatabase([REPORTING_PROJECTION]);
    await feedHistory(database.pool, REPORTING_PROJECTION, alignmentQuarterHistory(), (batch) => 40 - batch * 3);
  }, 60_000);

  afterAll(() => database.close());

  it('shows MQL volume per month against target, with the corrected February value and the trend', async () => {
    const rows = await select(
      `SELECT period, value::float, recorded_value::float, corrected, target::float, attainment::float, on_track, trend
       FROM reporting.metric_attainment WHERE partnership_id = $1 AND metric_id = 'mql-volume' ORDER BY period`,
      [MKT_SALES],
    );
    expect(rows).toEqual([
      { period: '2025-01', value: 410, recorded_value: 410, corrected: false, target: 400, attainment: 410 / 400, on_track: true, trend: null },
      { period: '2025-02', value: 395, recorded_value: 380, corrected: true, target: 420, attainment: expect.closeTo(395 / 420, 12), on_track: false, trend: 'worsening' },
      { period: '2025-03', value: 470, recorded_value: 470, corrected: false, target: 450, attainment: expect.closeTo(470 / 450, 12), on_track: true, trend: 'improving' },
    ]);
  });

  it('judges a lower-is-better metric by target / value', async () => {
    const rows = await select(
      `SELECT period, attainment::float, on_track, trend FROM reporting.metric_attainment
       WHERE partnership_id = $1 AND metric_id = 'time-to-first-contact' ORDER BY period`,
      [MKT_SALES],
    );
    expect(rows).toEqual([
      { period: '2025-01', attainment: expect.closeTo(1 / 1.5, 12), on_track: false, trend: null },
      { period: '2025-02', attainment: expect.closeTo(1 / 0.9, 12), on_track: true, trend: 'improving' },
      { period: '2025-03', attainment: expect.closeTo(1 / 0.8, 12), on_track: true, trend: 'improving' },
    ]);
  });

  it('keeps both the recorded and the corrected value of a reading in its history', async () => {
    const rows = await select(
      `SELECT change, value::float, previous_value::float, reason FROM reporting.metric_reading_history
       WHERE partnership_id = $1 AND reading_id = 'mql-feb' ORDER BY last_position`,
      [MKT_SALES],
    );
    expect(rows).toEqual([
      { change: 'recorded', value: 380, previous_value: null, reason: null },
      { change: 'corrected', value: 395, previous_value: 380, reason: "CRM sync dropped one webinar's leads" },
    ]);
  });

  it('lists the metrics Sales owns across all partnerships, and which are off target in their latest period', async () => {
    const rows = await select(
      `SELECT DISTINCT ON (partnership_id, metric_id) partnership_id, metric_id, period, on_track
       FROM reporting.metric_attainment WHERE owner_team_id = 'sales'
       ORDER BY partnership_id, metric_id, period_start DESC`,
    );
    expect(rows).toEqual([
      { partnership_id: MKT_IT, metric_id: 'crm-adoption', period: '2025-Q1', on_track: false },
      { partnership_id: MKT_SALES, metric_id: 'mql-to-sql-rate', period: '2025-03', on_track: false },
      { partnership_id: MKT_SALES, metric_id: 'sourced-pipeline', period: '2025-Q1', on_track: true },
      { partnership_id: MKT_SALES, metric_id: 'time-to-first-contact', period: '2025-03', on_track: true },
    ]);
  });

  it('puts leading and lagging indicators of overlapping periods side by side', async () => {
    const rows = await select(
      `SELECT leading_metric_id, lagging_metric_id, lagging_period FROM reporting.leading_lagging_indicators
       WHERE partnership_id = $1 AND leading_period = '2025-03' ORDER BY leading_metric_id, lagging_metric_id`,
      [MKT_SALES],
    );
    expect(rows).toEqual([
      { leading_metric_id: 'mql-volume', lagging_metric_id: 'mql-to-sql-rate', lagging_period: '2025-03' },
      { leading_metric_id: 'mql-volume', lagging_metric_id: 'sourced-pipeline', lagging_period: '2025-Q1' },
      { leading_metric_id: 'time-to-first-contact', lagging_metric_id: 'mql-to-sql-rate', lagging_period: '2025-03' },
      { leading_metric_id: 'time-to-first-contact', lagging_metric_id: 'sourced-pipeline', lagging_period: '2025-Q1' },
    ]);
  });

  it('answers what share of MQLs Sales contacted within the SLA, per week', async () => {
    const rows = await select(
      `SELECT period, observations::int, met::int, breaches::int, compliance::float, meets_target FROM reporting.sla_compliance
       WHERE partnership_id = $1 AND sla_id = 'mql-first-contact' AND period_start >= '2025-03-01' ORDER BY period`,
      [MKT_SALES],
    );
    expect(rows).toEqual([
      { period: '2025-W10', observations: 4, met: 3, breaches: 1, compliance: 0.75, meets_target: false },
      { period: '2025-W11', observations: 5, met: 5, breaches: 0, compliance: 1, meets_target: true },
      { period: '2025-W12', observations: 4, met: 2, breaches: 2, compliance: 0.5, meets_target: false },
    ]);
  });

  it('places a month\'s SLA tally in that month though it was recorded the next day', async () => {
    const rows = await select(
      `SELECT period, met::int FROM reporting.sla_compliance WHERE partnership_id = $1 AND sla_id = 'mql-monthly-volume' ORDER BY period`,
      [MKT_SALES],
    );
    expect(rows).toEqual([
      { period: '2025-01', met: 1 },
      { period: '2025-02', met: 0 },
      { period: '2025-03', met: 1 },
    ]);
  });

  it('measures contribution fulfilment per partner', async () => {
    const rows = await select(
      `SELECT team_id, committed::int, withdrawn::int, delivered::int, delivered_on_time::int, delivered_late::int,
         overdue::int, open::int, share_delivered::float, share_on_time::float
       FROM reporting.contribution_fulfilment WHERE partnership_id = $1 ORDER BY team_id`,
      [MKT_SALES],
    );
    expect(rows).toEqual([
      { team_id: 'finance', committed: 0, withdrawn: 0, delivered: 0, delivered_on_time: 0, delivered_late: 0, overdue: 0, open: 0, share_delivered: null, share_on_time: null },
      { team_id: 'marketing', committed: 3, withdrawn: 0, delivered: 1, delivered_on_time: 1, delivered_late: 0, overdue: 1, open: 1, share_delivered: expect.closeTo(1 / 3, 12), share_on_time: 1 },
      { team_id: 'sales', committed: 2, withdrawn: 1, delivered: 1, delivered_on_time: 0, delivered_late: 1, overdue: 0, open: 0, share_delivered: 1, share_on_time: 0 },
    ]);
  });

  it('finds the decisions taken without a deciding right at the time, even if the right came later', async () => {
    const rows = await select(
      `SELECT partnership_id, decision_id, decided_by, rights_held FROM reporting.decisions_outside_rights ORDER BY decision_id`,
    );
    expect(rows).toEqual([
      { partnership_id: MKT_SALES, decision_id: 'd-budget-1', decided_by: 'sales', rights_held: ['consulted'] },
      { partnership_id: MKT_SALES, decision_id: 'd-sponsor-1', decided_by: 'sales', rights_held: ['consulted'] },
    ]);
    const [later] = await select(
      `SELECT within_rights, rights_held, claimed_authority_held FROM reporting.decision_audit WHERE decision_id = 'd-sponsor-2'`,
    );
    expect(later).toEqual({ within_rights: true, rights_held: ['responsible', 'consulted'], claimed_authority_held: true });
  });

  it('shows that the MQL definition changed in mid-quarter, and which version each reading counted by', async () => {
    const versions = await select(
      `SELECT version, valid_from, valid_to FROM reporting.vocabulary_term_versions
       WHERE partnership_id = $1 AND term = 'mql' AND valid_from < '2025-04-01' AND (valid_to IS NULL OR valid_to > '2025-01-01')
       ORDER BY version`,
      [MKT_SALES],
    );
    expect(versions).toEqual([
      { version: 1, valid_from: new Date('2025-01-02T10:00:00Z'), valid_to: new Date('2025-02-15T09:00:00Z') },
      { version: 2, valid_from: new Date('2025-02-15T09:00:00Z'), valid_to: null },
    ]);
    const readings = await select(
      `SELECT period, vocabulary_version, vocabulary_definition FROM reporting.metric_attainment
       WHERE partnership_id = $1 AND metric_id = 'mql-volume' ORDER BY period`,
      [MKT_SALES],
    );
    expect(readings.map((reading) => [reading.period, reading.vocabulary_version])).toEqual([
      ['2025-01', 1],
      ['2025-02', 2],
      ['2025-03', 2],
    ]);
    expect(readings[1].vocabulary_definition).toBe('Lead score of 60 or more and a contact in a buying role');
  });

  it('scores each partnership by the documented health formula', async () => {
    const rows = await select(
      `SELECT partnership_id, status, agreement_coverage::float, metric_attainment::float, sla_compliance::float,
         contribution_delivery::float, health_score::float, components_with_data
       FROM reporting.partnership_health ORDER BY partnership_id`,
    );
    const mktSalesComponents = [1, (1 + 24 / 28 + 1 + 1) / 4, (0.5 / 0.9 + 1) / 2, 1 / 3];
    expect(rows).toEqual([
      {
        partnership_id: MKT_FINANCE, status: 'suspended', agreement_coverage: 0.4, metric_attainment: null, sla_compliance: null,
        contribution_delivery: 1, health_score: expect.closeTo((0.4 + 1) / 2, 12), components_with_data: 2,
      },
      {
        partnership_id: MKT_IT, status: 'active', agreement_coverage: 0.8, metric_attainment: expect.closeTo((1 + 0.7 / 0.8) / 2, 12),
        sla_compliance: null, contribution_delivery: 1, health_score: expect.closeTo((0.8 + (1 + 0.7 / 0.8) / 2 + 1) / 3, 12),
        components_with_data: 3,
      },
      {
        partnership_id: MKT_SALES, status: 'active', agreement_coverage: 1,
        metric_attainment: expect.closeTo(mktSalesComponents[1], 12), sla_compliance: expect.closeTo(mktSalesComponents[2], 12),
        contribution_delivery: expect.closeTo(1 / 3, 12),
        health_score: expect.closeTo(mktSalesComponents.reduce((sum, component) => sum + component) / 4, 12),
        components_with_data: 4,
      },
    ]);
  });
});
