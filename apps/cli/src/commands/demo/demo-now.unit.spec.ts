/** Which quarter `demo load` loads: the one the ledger holds, `--now`, or the current time - and when it refuses. */
import type { EventEnvelope } from '@ledger/contracts';
import { CliError } from '../../cli-error';
import { buildDemoDataset } from '../../demo/demo-dataset';
import { parseNowOption, resolveDemoNow } from './demo-now';

const CURRENT_TIME = new Date('2026-05-14T15:20:31.750Z');
const clock = () => CURRENT_TIME;

/** A ledger answering `firstEvent` with an event of the given correlation id per partnership. */
function ledgerHolding(correlationIds: Record<string, string> = {}) {
  return {
    baseUrl: 'http://ledger.test',
    firstEvent: async (partnershipId: string) =>
      partnershipId in correlationIds ? ({ correlationId: correlationIds[partnershipId] } as EventEnvelope) : null,
  };
}

describe('the quarter demo load loads', () => {
  it('ends at the current time, to the second, when the ledger holds no demo and --now is left out', async () => {
    await expect(resolveDemoNow(ledgerHolding(), undefined, clock)).resolves.toEqual(new Date('2026-05-14T15:20:31.000Z'));
  });

  it('ends at --now when the ledger holds no demo', async () => {
    await expect(resolveDemoNow(ledgerHolding(), '2026-04-30T12:00:00+02:00', clock)).resolves.toEqual(new Date('2026-04-30T10:00:00Z'));
  });

  it('is the quarter the ledger already holds when --now is left out, so loading again finds everything recorded', async () => {
    const loaded = buildDemoDataset(new Date('2026-03-01T08:00:00Z'));
    const ledger = ledgerHolding({ 'mkt-sales': loaded.correlationId });
    await expect(resolveDemoNow(ledger, undefined, clock)).resolves.toEqual(loaded.now);
    await expect(resolveDemoNow(ledger, '2026-03-01T08:00:00Z', clock)).resolves.toEqual(loaded.now);
  });

  it('is refused when --now names another quarter than the one the ledger holds', async () => {
    const ledger = ledgerHolding({ 'mkt-it': buildDemoDataset(new Date('2026-03-01T08:00:00Z')).correlationId });
    await expect(resolveDemoNow(ledger, '2026-04-01T08:00:00Z', clock)).rejects.toThrow(
      new CliError(
        'The ledger at http://ledger.test already holds the demo quarter ending 2026-03-01T08:00:00.000Z; ' +
          'run without --now to complete or check it, or load another quarter into an empty ledger.',
      ),
    );
  });

  it('is refused when a partnership with a demo id exists but was not recorded by the demo', async () => {
    await expect(resolveDemoNow(ledgerHolding({ 'mkt-sales': 'k1' }), undefined, clock)).rejects.toThrow(
      /Partnership "mkt-sales" already exists in the ledger at http:\/\/ledger.test but was not recorded by the demo/,
    );
  });
});

describe('the --now option', () => {
  it.each(['2026-05-14', '2026-05-14T10:00:00', 'yesterday', '2026-02-30T10:00:00Z'])('refuses "%s", which is not an instant with a time zone', (value) => {
    expect(() => parseNowOption(value, clock)).toThrow(`--now "${value}" is not an ISO 8601 instant with a time zone`);
  });

  it('refuses an instant in the future: the demo holds only facts that already happened', () => {
    expect(() => parseNowOption('2026-05-14T15:21:00Z', clock)).toThrow('lies in the future');
  });
});
