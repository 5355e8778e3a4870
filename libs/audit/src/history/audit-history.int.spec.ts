/**
 * Paging through recorded history against a real Postgres: every envelope field, pages
 * cut by cursor, filters by correlation id and actor.
 */
import { alignmentQuarterHistory } from '../../../projections/src/testing';
import { openAuditFixture, type AuditFixture } from '../testing/audit-fixture';
import { AuditHistory } from './audit-history';

jest.setTimeout(60_000);

describe('the audit history', () => {
  const history = alignmentQuarterHistory();
  let ledger: AuditFixture;
  let audit: AuditHistory;

  beforeAll(async () => {
    ledger = await openAuditFixture();
    await ledger.record(history);
    audit = new AuditHistory(ledger.dataSource, ledger.log);
  });

  afterAll(() => ledger.close({ dropDatabase: true }));

  it('pages through a stream in version order with every envelope field, until no next page is left', async () => {
    const streamId = 'partnership-mkt-it';
    const pages = [];
    for (let fromVersion: number | null = 1; fromVersion !== null; ) {
      const page = await audit.stream(streamId, { fromVersion, limit: 7 });
      pages.push(page);
      fromVersion = page.nextFromVersion;
    }

    expect(pages.flatMap((page) => page.events)).toEqual(history.filter((event) => event.streamId === streamId));
    expect(pages.slice(0, -1).every((page) => page.events.length === 7)).toBe(true);
  });

  it('pages through the whole log in its order, each page continuing after the last position of the one before', async () => {
    const seen = [];
    for (let after: number | null = 0; after !== null; ) {
      const page = await audit.logPage({ after, limit: 40 });
      seen.push(...page.events);
      after = page.nextAfter;
    }

    expect(seen.map((event) => event.eventId)).toEqual(history.map((event) => event.eventId));
  });

  it('filters by correlation id and by actor without changing the order', async () => {
    const target = history[33]!;

    await expect(audit.logPage({ after: 0, limit: 10, correlationId: target.correlationId })).resolves.toEqual({ events: [target], nextAfter: null });
    await expect(audit.stream(target.streamId, { fromVersion: 1, limit: 10, actor: 'someone-else' })).resolves.toMatchObject({ events: [] });
  });

  it('refuses a cursor that is no position of the log', async () => {
    await expect(audit.logPage({ after: 987_654, limit: 10 })).rejects.toMatchObject({ code: 'audit.unknown-cursor', field: 'after' });
  });
});
