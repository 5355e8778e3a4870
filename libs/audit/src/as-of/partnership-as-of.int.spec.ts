/**
 * As-of state against a real Postgres: the state the domain code rebuilds for a past
 * instant agrees with what the ownership view showed at that instant (the view built
 * from the events recorded by then), and the two time axes part ways when a fact is
 * recorded after it happened.
 */
import type { EventEnvelope } from '@ledger/contracts';
import type { PartnershipStateJson } from '@ledger/domain';
import { Client } from 'pg';
import { alignmentQuarterHistory, MKT_IT, MKT_SALES } from '../../../projections/src/testing';
import { replayIntoProjection } from '../replay/projection-replay';
import { openAuditFixture, type AuditFixture } from '../testing/audit-fixture';
import { PartnershipTimeline } from './partnership-as-of';

jest.setTimeout(90_000);

/** A late fact: the January MQL tally happened on 31 January at 20:00 and was recorded the next morning at 06:00. */
const LATE_OBSERVATION = 'mql-volume-2025-01';
const BEFORE_IT_WAS_RECORDED = '2025-02-01T03:00:00.000Z';

describe('a partnership as of a past moment', () => {
  const history = alignmentQuarterHistory();
  let ledger: AuditFixture;
  let timeline: PartnershipTimeline;
  let client: Client;

  beforeAll(async () => {
    ledger = await openAuditFixture();
    await ledger.record(history);
    timeline = new PartnershipTimeline(ledger.eventStore);
    client = new Client({ connectionString: ledger.url });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
    await ledger.close({ dropDatabase: true });
  });

  /** The ownership view as it stood at `instant`: built from the events recorded by then. */
  async function ownershipViewAt(instant: string): Promise<string> {
    const schema = `ownership_at_${Date.parse(instant)}`;
    const recordedBy = history.filter((event) => event.recordedAt <= instant);
    await replayIntoProjection({
      databaseUrl: ledger.url,
      query: (sql, params) => client.query(sql, params as unknown[]),
      projection: 'ownership',
      intoSchema: schema,
      pages: pagesOf(recordedBy),
      readGap: async () => [],
    });
    return schema;
  }

  describe.each([
    [MKT_SALES, '2025-01-20T12:00:00.000Z'],
    [MKT_SALES, BEFORE_IT_WAS_RECORDED],
    [MKT_IT, '2025-03-15T12:00:00.000Z'],
    [MKT_SALES, '2025-04-02T00:00:00.000Z'],
  ])('%s at %s (ledger time)', (partnershipId, instant) => {
    let state: PartnershipStateJson;
    let schema: string;

    beforeAll(async () => {
      ({ state } = await timeline.stateAsOf(partnershipId, { time: 'ledger', instant }));
      schema = await ownershipViewAt(instant);
    });

    it('has the status and the partners the view showed', async () => {
      const { rows } = await client.query(`SELECT status, partner_team_ids FROM ${schema}.partnership_overview WHERE partnership_id = $1`, [partnershipId]);
      expect(rows).toEqual([{ status: state.status, partner_team_ids: state.partners.map((partner) => partner.teamId).sort() }]);
    });

    it('has the decision rights (RACI) the view showed', async () => {
      const { rows } = await client.query(
        `SELECT decision_area, team_id, role FROM ${schema}.decision_rights_held WHERE partnership_id = $1 ORDER BY 1, 2, 3`,
        [partnershipId],
      );
      const fromState = Object.entries(state.decisionRights).flatMap(([area, teams]) =>
        Object.entries(teams).flatMap(([teamId, roles]) => roles.map((role) => ({ decision_area: area, team_id: teamId, role }))),
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(sortRows(rows)).toEqual(sortRows(fromState));
    });

    it('has the metric owners the view showed', async () => {
      const { rows } = await client.query(`SELECT metric_id, owner_team_id FROM ${schema}.metric_ownership WHERE partnership_id = $1 ORDER BY 1`, [
        partnershipId,
      ]);
      const fromState = Object.entries(state.metrics).map(([metricId, metric]) => ({ metric_id: metricId, owner_team_id: metric.ownerTeamId }));
      expect(sortRows(rows)).toEqual(sortRows(fromState));
    });

    it('has the contributions the view showed, by partner, due date and status', async () => {
      const { rows } = await client.query(
        `SELECT contribution_id, team_id, to_char(due_date, 'YYYY-MM-DD') AS due_date,
           CASE WHEN status = 'overdue' THEN 'committed' ELSE status END AS status
         FROM ${schema}.contribution_status WHERE partnership_id = $1 ORDER BY 1`,
        [partnershipId],
      );
      const fromState = Object.entries(state.contributions).map(([id, contribution]) => ({
        contribution_id: id,
        team_id: contribution.teamId,
        due_date: contribution.dueDate,
        status: contribution.status,
      }));
      expect(sortRows(rows)).toEqual(sortRows(fromState));
    });
  });

  it('answers differently on the two time axes for a fact recorded after it happened', async () => {
    const business = await timeline.stateAsOf(MKT_SALES, { time: 'business', instant: BEFORE_IT_WAS_RECORDED });
    const ledgerTime = await timeline.stateAsOf(MKT_SALES, { time: 'ledger', instant: BEFORE_IT_WAS_RECORDED });

    expect(business.state.observationIds[LATE_OBSERVATION]).toBe(true);
    expect(ledgerTime.state.observationIds[LATE_OBSERVATION]).toBeUndefined();
    expect(business.asOf).toEqual({ time: 'business', instant: BEFORE_IT_WAS_RECORDED });
    expect(business.eventsApplied).toBe(ledgerTime.eventsApplied + 1);
  });

  it('shows, between two instants, exactly what the events in between changed', async () => {
    const diff = await timeline.diff(MKT_SALES, { time: 'ledger', instant: BEFORE_IT_WAS_RECORDED }, { time: 'ledger', instant: '2025-02-01T07:00:00.000Z' });

    expect(diff.changes).toEqual([
      { kind: 'added', path: ['observationIds', LATE_OBSERVATION], after: true },
      { kind: 'changed', path: ['version'], before: diff.from.eventsApplied, after: diff.to.eventsApplied },
    ]);
  });

  it('rebuilds the state at a stream version from exactly that many events', async () => {
    const atVersion = await timeline.stateAsOf(MKT_IT, { version: 5 });

    expect(atVersion).toMatchObject({ eventsApplied: 5, lastStreamVersion: 5, state: { version: 5 } });
  });

  it('does not know a partnership that was never recorded', async () => {
    await expect(timeline.stateAsOf('no-such-partnership', { version: 1 })).rejects.toMatchObject({ code: 'audit.partnership-not-found' });
  });
});

async function* pagesOf(events: readonly EventEnvelope[]): AsyncGenerator<EventEnvelope[]> {
  for (let start = 0; start < events.length; start += 50) yield events.slice(start, start + 50);
}

function sortRows<T extends Record<string, unknown>>(rows: T[]): T[] {
  return [...rows].sort((a, b) => JSON.stringify(Object.values(a)).localeCompare(JSON.stringify(Object.values(b))));
}
