import { parseSettings } from './settings';

describe('ingest benchmark settings', () => {
  it('takes the full sizes by default and the options it knows', () => {
    const settings = parseSettings(['--repetitions', '2', '--events', '5000', '--only', 'ledger.relay,e2e', '--out', '/tmp/figures.json']);
    expect(settings).toMatchObject({ smoke: false, repetitions: 2, batchedEventsPerRun: 5000, only: ['ledger.relay', 'e2e'], outFile: '/tmp/figures.json' });
    expect(parseSettings(['--smoke']).batchedEventsPerRun).toBeLessThan(parseSettings([]).batchedEventsPerRun);
  });

  it('refuses a mistyped option instead of running the whole benchmark with the defaults', () => {
    expect(() => parseSettings(['--evnts', '5000'])).toThrow(/unknown argument "--evnts"[\s\S]*usage:/);
    expect(() => parseSettings(['--only'])).toThrow(/--only needs a value/);
    expect(() => parseSettings(['--events', 'many'])).toThrow(/--events needs a whole number/);
  });
});
