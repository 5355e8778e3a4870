/**
 * The committed log against a real Postgres: the same events, in the same order and
 * with the same envelope fields, as `EventStore.readAll`, whatever the page size.
 */
import { newEvent } from '../../../event-store/src/testing/event-store-fixture';
import { alignmentQuarterHistory } from '../../../projections/src/testing';
import { openAuditFixture, type AuditFixture } from '../testing/audit-fixture';
import type { EventEnvelope } from '@ledger/contracts';
import type { LogPage } from './committed-log';

jest.setTimeout(60_000);

describe('the committed log', () => {
  const history = alignmentQuarterHistory();
  let ledger: AuditFixture;

  beforeAll(async () => {
    ledger = await openAuditFixture();
    // Twelve events in one transaction: positions 1 to 12 cross from one digit to two, which
    // text ordering (1, 10, 11, 12, 2, ...) would get wrong.
    await ledger.eventStore.append({ streamId: 'partnership-batch', expectedVersion: 0, events: Array.from({ length: 12 }, () => newEvent()) });
    await ledger.record(history);
    await ledger.commitOutOfPositionOrder();
  });

  afterAll(() => ledger.close({ dropDatabase: true }));

  async function allPages<T>(pages: AsyncIterable<{ items: T[] }>): Promise<T[]> {
    const items: T[] = [];
    for await (const page of pages) items.push(...page.items);
    return items;
  }

  it('reads every envelope field exactly as the event store does, in its commit order', async () => {
    const fromStore = await ledger.eventStore.readAll({ afterPosition: 0, limit: 10_000 });

    await expect(allPages(ledger.log.events({ pageSize: 5 }))).resolves.toEqual(fromStore);
    expect(fromStore.map((event) => event.globalPosition).slice(0, 12)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('reads the leaves, position and hash, in the same order', async () => {
    const fromStore = await ledger.eventStore.readAll({ afterPosition: 0, limit: 10_000 });

    await expect(allPages(ledger.log.leaves({ pageSize: 5 }))).resolves.toEqual(fromStore.map(({ globalPosition, hash }) => ({ globalPosition, hash })));
  });

  it('continues after the cursor of a page, stops with the cursor given as through, and counts what lies between', async () => {
    const pages: LogPage<EventEnvelope>[] = [];
    for await (const page of ledger.log.events({ pageSize: 40 })) pages.push(page);
    const [first, second] = [pages[0]!, pages[1]!];

    const between = await allPages(ledger.log.events({ after: first.last, through: second.last }));

    expect(between).toEqual(second.items);
    await expect(ledger.log.count({ after: first.last, through: second.last })).resolves.toBe(40);
    await expect(ledger.log.leafIndexOf(second.last)).resolves.toBe(79);
  });
});
