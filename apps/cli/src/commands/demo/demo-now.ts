/**
 * Which quarter `demo load` loads. The demo is built for a moment `now` (its quarter
 * ends there); the same `now` gives the same submissions, which is what makes a second
 * load record nothing. So when the ledger already holds the demo, the quarter it holds
 * is the one to load again, read back from the demo's correlation id; otherwise
 * `--now`, or the current time.
 */
import { isValidPeriod } from '@ledger/domain';
import { CliError } from '../../cli-error';
import { DEMO_PARTNERSHIP_IDS, demoNowOf } from '../../demo/demo-dataset';
import type { LedgerClient } from '../../ledger-client/ledger-client';

const INSTANT_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `--now`, checked: an ISO 8601 instant with a time zone, not in the future. */
export function parseNowOption(value: string, clock: () => Date): Date {
  const now = new Date(value);
  // Date rolls 30 February over into March; the calendar check does not.
  const isInstant = INSTANT_WITH_ZONE.test(value) && isValidPeriod(value.slice(0, 10), 'daily') && !Number.isNaN(now.getTime());
  if (!isInstant) {
    throw new CliError(`--now "${value}" is not an ISO 8601 instant with a time zone, e.g. 2026-03-31T17:00:00Z.`);
  }
  if (now > clock()) throw new CliError(`--now ${value} lies in the future; the demo holds only facts that already happened.`);
  return now;
}

/** The current time to the second: it becomes part of the demo's correlation id, which reads better without milliseconds. */
export function currentSecond(clock: () => Date): Date {
  return new Date(Math.floor(clock().getTime() / 1000) * 1000);
}

/**
 * Reads the first event of a demo partnership the ledger holds. Publishers may not read
 * history, so the events are read with an auditor's key, and only for a partnership that
 * exists (which the publisher may see): a first load needs the publisher's key alone.
 */
export function demoHistoryReader(
  publisher: Pick<LedgerClient, 'baseUrl' | 'partnershipExists'>,
  auditor: Pick<LedgerClient, 'firstEvent'> | undefined,
): Pick<LedgerClient, 'baseUrl' | 'firstEvent'> {
  return {
    baseUrl: publisher.baseUrl,
    firstEvent: async (partnershipId) => {
      if (!(await publisher.partnershipExists(partnershipId))) return null;
      if (!auditor) {
        throw new CliError(
          `The ledger at ${publisher.baseUrl} already holds partnership "${partnershipId}"; to find the demo quarter it holds, ` +
            'the load reads its history, which only auditors may: give an auditor\'s key with --auditor-key or LEDGER_AUDITOR_KEY (or the quarter with --now).',
        );
      }
      return auditor.firstEvent(partnershipId);
    },
  };
}

export async function resolveDemoNow(
  client: Pick<LedgerClient, 'baseUrl' | 'firstEvent'>,
  nowOption: string | undefined,
  clock: () => Date,
): Promise<Date> {
  const requested = nowOption === undefined ? undefined : parseNowOption(nowOption, clock);
  const loaded = await nowOfLoadedDemo(client);
  if (requested && loaded && requested.getTime() !== loaded.getTime()) {
    throw new CliError(
      `The ledger at ${client.baseUrl} already holds the demo quarter ending ${loaded.toISOString()}; ` +
        'run without --now to complete or check it, or load another quarter into an empty ledger.',
    );
  }
  return requested ?? loaded ?? currentSecond(clock);
}

/** The `now` of the demo the ledger holds, null if it holds none; refuses a ledger whose partnerships only share the demo's ids. */
async function nowOfLoadedDemo(client: Pick<LedgerClient, 'baseUrl' | 'firstEvent'>): Promise<Date | null> {
  for (const partnershipId of DEMO_PARTNERSHIP_IDS) {
    const first = await client.firstEvent(partnershipId);
    if (first === null) continue;
    const now = demoNowOf(first.correlationId);
    if (now === null) {
      throw new CliError(
        `Partnership "${partnershipId}" already exists in the ledger at ${client.baseUrl} but was not recorded by the demo; ` +
          'load the demo into an empty ledger (a new database).',
      );
    }
    return now;
  }
  return null;
}
