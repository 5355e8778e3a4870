import { CADENCES, type Cadence } from '@ledger/contracts';
import fc from 'fast-check';
import { DomainError } from './partnership/errors';
import { isValidPeriod, parsePeriod, periodOf } from './period';

const utc = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('parsing a period', () => {
  it.each<[Cadence, string, string, string]>([
    ['daily', '2025-03-14', '2025-03-14', '2025-03-15'],
    ['daily', '2024-02-29', '2024-02-29', '2024-03-01'],
    ['daily', '2025-12-31', '2025-12-31', '2026-01-01'],
    ['weekly', '2025-W11', '2025-03-10', '2025-03-17'],
    ['weekly', '2025-W01', '2024-12-30', '2025-01-06'],
    ['weekly', '2020-W53', '2020-12-28', '2021-01-04'],
    ['monthly', '2025-02', '2025-02-01', '2025-03-01'],
    ['monthly', '2025-12', '2025-12-01', '2026-01-01'],
    ['quarterly', '2025-Q1', '2025-01-01', '2025-04-01'],
    ['quarterly', '2025-Q4', '2025-10-01', '2026-01-01'],
    ['yearly', '2025', '2025-01-01', '2026-01-01'],
  ])('reads the %s period %s as [%s, %s) in UTC', (cadence, period, start, end) => {
    expect(parsePeriod(period, cadence)).toEqual({ start: utc(start), end: utc(end) });
  });

  it.each<[Cadence, string]>([
    ['daily', '2025-02-29'],
    ['daily', '2025-04-31'],
    ['daily', '2025-3-14'],
    ['daily', '2025-03'],
    ['weekly', '2021-W53'],
    ['weekly', '2025-W00'],
    ['weekly', '2025-W5'],
    ['weekly', '2025-11'],
    ['monthly', '2025-13'],
    ['monthly', '2025-00'],
    ['monthly', '2025-Q1'],
    ['quarterly', '2025-Q5'],
    ['quarterly', '2025-Q0'],
    ['yearly', '25'],
    ['yearly', '2025-01'],
    ['monthly', ' 2025-03'],
  ])('does not take %s period "%s"', (cadence, period) => {
    expect(isValidPeriod(period, cadence)).toBe(false);
  });

  it('refuses an invalid period with period.invalid, saying what form is expected', () => {
    expect(() => parsePeriod('2025-13', 'monthly')).toThrow(
      expect.objectContaining({
        kind: 'rule',
        code: 'period.invalid',
        field: 'period',
        message: '"2025-13" is not a monthly period; expected YYYY-MM, e.g. 2025-03.',
      }),
    );
    expect(() => parsePeriod('2025-13', 'monthly')).toThrow(DomainError);
  });

  it('keeps years below 100 as they are instead of moving them to the 1900s', () => {
    expect(parsePeriod('0050', 'yearly').start.getUTCFullYear()).toBe(50);
  });
});

describe('the period of an instant', () => {
  it.each<[string, Cadence, string]>([
    ['2025-03-14T23:59:59.999Z', 'daily', '2025-03-14'],
    ['2024-12-30T00:00:00.000Z', 'weekly', '2025-W01'],
    ['2021-01-03T12:00:00.000Z', 'weekly', '2020-W53'],
    ['2025-03-16T23:59:59.999Z', 'weekly', '2025-W11'],
    ['2025-03-17T00:00:00.000Z', 'weekly', '2025-W12'],
    ['2025-03-31T23:59:59.999Z', 'monthly', '2025-03'],
    ['2025-06-30T12:00:00.000Z', 'quarterly', '2025-Q2'],
    ['2025-07-01T00:00:00.000Z', 'quarterly', '2025-Q3'],
    ['2025-12-31T23:59:59.999Z', 'yearly', '2025'],
  ])('places %s in the %s period %s', (instant, cadence, period) => {
    expect(periodOf(new Date(instant), cadence)).toBe(period);
  });

  it('refuses an invalid date', () => {
    expect(() => periodOf(new Date('not a date'), 'daily')).toThrow(RangeError);
  });
});

describe('periods tile time', () => {
  const anInstant = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true });
  const aCadence = fc.constantFrom(...CADENCES);

  it('the period of an instant is valid and contains the instant', () => {
    fc.assert(
      fc.property(anInstant, aCadence, (instant, cadence) => {
        const { start, end } = parsePeriod(periodOf(instant, cadence), cadence);
        expect(start.getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(instant.getTime()).toBeLessThan(end.getTime());
      }),
    );
  });

  it('a period ends exactly where the next one starts', () => {
    fc.assert(
      fc.property(anInstant, aCadence, (instant, cadence) => {
        const { end } = parsePeriod(periodOf(instant, cadence), cadence);
        const next = parsePeriod(periodOf(end, cadence), cadence);
        expect(next.start).toEqual(end);
        expect(periodOf(new Date(end.getTime() - 1), cadence)).toBe(periodOf(instant, cadence));
      }),
    );
  });
});
