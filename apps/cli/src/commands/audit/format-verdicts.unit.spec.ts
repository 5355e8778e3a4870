import type { LedgerVerificationResult } from '@ledger/audit';
import { formatExportVerdict, formatLedgerVerdict } from './format-verdicts';

const pace = { eventsVerified: 1200, eventsInLog: 1200, checkpointsVerified: 4, elapsedMs: 2_000, eventsPerSecond: 600 };

describe('the words of a verdict', () => {
  it('says an intact ledger is intact, and how much of it the checkpoints prove', () => {
    const result: LedgerVerificationResult = {
      status: 'intact',
      origin: 'alignment-ledger.local/ledger',
      streams: 7,
      sealedEvents: 1000,
      unsealedEvents: 200,
      resumedFromTreeSize: null,
      ...pace,
    };

    expect(formatLedgerVerdict(result)).toBe(
      [
        'Ledger alignment-ledger.local/ledger is intact (1200 events, 2.0 s, 600 events/s).',
        '  hash chains: 1200 events in 7 streams, every link checked',
        '  checkpoints: 4 signed, proving the first 1000 events; 200 newer events await the next seal',
      ].join('\n'),
    );
  });

  it('names the event of a chain break: id, stream, version, position and leaf', () => {
    const result: LedgerVerificationResult = {
      status: 'broken',
      origin: 'o',
      problem: {
        source: 'chain',
        kind: 'removed',
        detail: 'Version 5 of stream partnership-x follows version 3.',
        eventId: 'e-5',
        streamId: 'partnership-x',
        streamVersion: 5,
        globalPosition: 88,
        leafIndex: 80,
      },
      ...pace,
    };

    expect(formatLedgerVerdict(result).split('\n').slice(1)).toEqual([
      '  removed: event e-5, stream partnership-x, version 5, global position 88 (leaf 80)',
      '  Version 5 of stream partnership-x follows version 3.',
    ]);
  });

  it('names the checkpoint and the leaves changed for a seal that no longer holds', () => {
    const result: LedgerVerificationResult = {
      status: 'broken',
      origin: 'o',
      problem: {
        source: 'checkpoint',
        kind: 'root-mismatch',
        detail: 'The log no longer matches checkpoint 2 (size 75).',
        checkpoint: { index: 2, treeSize: 75, signedNote: 'note' },
        changedRange: { afterTreeSize: 50, throughTreeSize: 75, afterPosition: 50, throughPosition: 77 },
      },
      ...pace,
    };

    expect(formatLedgerVerdict(result)).toContain(
      '  root-mismatch: checkpoint 2 (tree size 75), changed: leaves 51 to 75 (in log order, after the event at global position 50 through the one at 77)',
    );
  });

  it('says where to resume an interrupted verification from', () => {
    const resumePoint = { treeSize: 1000 } as Extract<LedgerVerificationResult, { status: 'interrupted' }>['resumePoint'];
    expect(formatLedgerVerdict({ status: 'interrupted', origin: 'o', resumePoint, ...pace })).toBe(
      'Verification of o interrupted after 1200 of 1200 events; the first 1000 are proven and saved to resume from.',
    );
  });

  it('warns that an export checked without a pinned key proves consistency, not origin', () => {
    const verdict = formatExportVerdict('dir', { status: 'intact', events: 3, streams: 1, checkpoints: 1, sealedEvents: 3 }, false);
    expect(verdict).toContain('Pin the key with --verifier-key');
    expect(formatExportVerdict('dir', { status: 'intact', events: 3, streams: 1, checkpoints: 1, sealedEvents: 3 }, true)).not.toContain('Pin');
  });
});
