/**
 * The dictionary cannot drift from the database: what PostgreSQL reports about schema
 * `bi` (information_schema.columns and pg_description, after the query API's start-up
 * migrations) renders to exactly the committed libs/bi/DATA_DICTIONARY.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBiTestDatabase, type BiTestDatabase } from '../testing/bi-test-database';
import { DATA_DICTIONARY_PATH, dictionaryFromCatalogue, dictionaryFromDatabase, renderDataDictionary } from './data-dictionary';

jest.setTimeout(120_000);

const COMMITTED = join(__dirname, '..', '..', '..', '..', DATA_DICTIONARY_PATH);

describe('the data dictionary, against the database', () => {
  let database: BiTestDatabase;

  beforeAll(async () => {
    database = await openBiTestDatabase([]);
  });

  afterAll(() => database?.close());

  it('renders from what PostgreSQL reports exactly as the committed file reads', async () => {
    const reported = await dictionaryFromDatabase((sql, params) => database.pool.query(sql, params));
    expect(renderDataDictionary(reported)).toEqual(readFileSync(COMMITTED, 'utf8'));
  });

  it('finds in the database every view and column the catalogue defines, with its type and comment', async () => {
    const reported = await dictionaryFromDatabase((sql, params) => database.pool.query(sql, params));
    const byName = (views: { name: string }[]) => [...views].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName(reported)).toEqual(byName(dictionaryFromCatalogue()));
  });
});
