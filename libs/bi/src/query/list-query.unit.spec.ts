import { factMetricReading } from '../catalogue/facts/metric-reading.fact';
import { factSlaObservation } from '../catalogue/facts/sla-observation.fact';
import { aggregateSource, findAggregate } from './aggregates';
import { encodeCursor } from './cursor';
import { filterCondition } from './filters';
import { parseListQuery, type ResponseFormat } from './list-query';
import { BiQueryError } from './query-error';
import { viewSource } from './query-source';

const observations = viewSource(factSlaObservation);
const readings = viewSource(factMetricReading);

function parse(query: string, format: ResponseFormat = 'json', source = observations) {
  return parseListQuery(source, new URLSearchParams(query), { format, routeParameters: ['format'] });
}

function failure(query: string, format: ResponseFormat = 'json', source = observations): Pick<BiQueryError, 'code' | 'field' | 'status'> {
  try {
    parse(query, format, source);
  } catch (error) {
    const { code, field, status } = error as BiQueryError;
    return { code, field, status };
  }
  throw new Error(`"${query}" was accepted`);
}

describe('reading a list query from the URL', () => {
  it('reads filters with and without an operator, typed by their column', () => {
    const { filters } = parse('filter[partnership_key]=mkt-sales&filter[observed_at][gte]=2025-03-01&filter[value][lt]=1.5');
    expect(filters.map(({ column, operator, value }) => [column.name, operator, value])).toEqual([
      ['partnership_key', 'eq', 'mkt-sales'],
      ['observed_at', 'gte', '2025-03-01T00:00:00Z'],
      ['value', 'lt', '1.5'],
    ]);
  });

  it('binds filter values as typed parameters, never as SQL text', () => {
    const { filters } = parse("filter[subject][contains]=50%25_off'&filter[sla_id][in]=a,b&filter[met]=false");
    const parameters: unknown[] = [];
    expect(filterCondition(filters, parameters)).toBe('"subject" ILIKE $1::text AND "sla_id" = ANY ($2::text[]) AND "met" = $3::boolean');
    expect(parameters).toEqual(["%50\\%\\_off'%", ['a', 'b'], 'false']);
  });

  it('sorts by the columns asked for, then by the key, and by the key alone by default', () => {
    expect(parse('sort=-observed_at,sla_id').sort).toEqual([
      { column: 'observed_at', descending: true },
      { column: 'sla_id', descending: false },
      { column: 'partnership_key', descending: false },
      { column: 'observation_id', descending: false },
    ]);
    expect(parse('').sort.map((term) => term.column)).toEqual(['partnership_key', 'observation_id']);
  });

  it('pages JSON by 100 rows unless told otherwise (at most 1000), and exports every CSV row unless limited', () => {
    expect(parse('').limit).toBe(100);
    expect(parse('limit=1000').limit).toBe(1000);
    expect(parse('', 'csv').limit).toBeNull();
    expect(parse('limit=5000', 'csv').limit).toBe(5000);
  });

  it('starts after the values of the cursor it returned for the same sort', () => {
    const { sort } = parse('sort=-observed_at');
    const cursor = encodeCursor(observations, sort, ['2025-03-03T10:00:00.000000Z', 'mkt-sales', 'contact-w10-0']);
    expect(parse(`sort=-observed_at&cursor=${cursor}`).after).toEqual(['2025-03-03T10:00:00.000000Z', 'mkt-sales', 'contact-w10-0']);
  });

  it.each([
    ['filter[colour]=red', 'query.unknown-column', 'filter[colour]'],
    ['filter[value][about]=1', 'query.invalid-operator', 'filter[value][about]'],
    ['filter[met][gt]=true', 'query.invalid-operator', 'filter[met][gt]'],
    ['filter[value][gte]=ten', 'query.invalid-value', 'filter[value][gte]'],
    ['filter[observed_at][gte]=2025-02-30', 'query.invalid-value', 'filter[observed_at][gte]'],
    ['filter[observed_at][gte]=2025-03-01T10:00:00', 'query.invalid-value', 'filter[observed_at][gte]'],
    ['filter[met]=yes', 'query.invalid-value', 'filter[met]'],
    ['filter[met][null]=maybe', 'query.invalid-value', 'filter[met][null]'],
    ['filter[sla_id]=a&filter[sla_id]=b', 'query.invalid-value', 'filter[sla_id]'],
    ['sort=colour', 'query.unknown-column', 'sort'],
    ['sort=met,-met', 'query.invalid-sort', 'sort'],
    ['limit=0', 'query.invalid-limit', 'limit'],
    ['limit=1001', 'query.invalid-limit', 'limit'],
    ['limit=ten', 'query.invalid-limit', 'limit'],
    ['cursor=not-a-cursor', 'query.invalid-cursor', 'cursor'],
    ['page=2', 'query.unknown-parameter', 'page'],
    ['filter=met', 'query.unknown-parameter', 'filter'],
  ])('refuses %s with %s, naming %s', (query, code, field) => {
    expect(failure(query)).toEqual({ code, field, status: 400 });
  });

  it('refuses a cursor made for another sort or another view', () => {
    const { sort } = parse('sort=-observed_at');
    const cursor = encodeCursor(observations, sort, ['2025-03-03T10:00:00.000000Z', 'mkt-sales', 'x']);
    expect(failure(`cursor=${cursor}`)).toMatchObject({ code: 'query.invalid-cursor' });
    const other = encodeCursor(readings, readings.defaultSort, ['mkt-sales', 'mql-volume', '2025-01']);
    expect(failure(`cursor=${other}`)).toMatchObject({ code: 'query.invalid-cursor' });
  });

  it('refuses a cursor whose values were edited into something that is not of their column\'s type', () => {
    const { sort } = parse('sort=-observed_at');
    const cursor = encodeCursor(observations, sort, ['yesterday', 'mkt-sales', 'x']);
    expect(failure(`sort=-observed_at&cursor=${cursor}`)).toMatchObject({ code: 'query.invalid-cursor', field: 'cursor' });
  });
});

describe('an aggregate as a query source', () => {
  const compliance = findAggregate('sla-compliance');

  it('groups by the dimensions named in per, unique together, filtering the fact before grouping', () => {
    const source = aggregateSource(compliance!, 'partnership_key,week');
    expect(source.columns.map((column) => column.name)).toEqual(['partnership_key', 'week', 'observations', 'met', 'breaches', 'compliance']);
    expect(source.unique).toEqual(['partnership_key', 'week']);
    expect(source.filterColumns).toBe(factSlaObservation.columns);
    expect(source.relation('"met" = $1::boolean')).toMatch(/FROM "bi"\."fact_sla_observation_v1" WHERE "met" = \$1::boolean GROUP BY 1, 2$/);
  });

  it.each([[null], [''], ['colour'], ['week,week']])('refuses per=%j with query.invalid-grouping', (per) => {
    expect(() => aggregateSource(compliance!, per)).toThrow(expect.objectContaining({ code: 'query.invalid-grouping', field: 'per' }));
  });
});
