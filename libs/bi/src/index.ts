/**
 * BI access to the ledger's views: schema `bi` of stable, documented star-schema views
 * over the projections, the read-only role BI tools log in with, the data dictionary,
 * and the query engine behind the HTTP query API (filters, sorting, keyset cursors,
 * aggregates, JSON and streamed CSV).
 */
export * from './catalogue/column';
export { BI_SCHEMA, biViewName, viewComment, viewStatements, type BiView, type BiViewKey, type BiViewKind } from './catalogue/bi-view';
export { BI_VIEWS, findBiView } from './catalogue/catalogue';
export { BI_SOURCE_SCHEMAS } from './catalogue/sources';
export { END_OF_TIME } from './catalogue/dimensions/versioned.dimensions';
export { BI_ROLE } from './install/bi-role';
export { BI_SOURCE_INDEXES, ensureSourceIndexes, type SourceIndex } from './install/source-indexes';
export { biAfterSwitchHook, installBiViews } from './install/install-bi-views';
export { BI_MIGRATIONS, BI_MIGRATIONS_TABLE, migrateBi } from './install/bi-migrations';
export {
  DATA_DICTIONARY_PATH,
  dictionaryFromCatalogue,
  dictionaryFromDatabase,
  renderDataDictionary,
  type DictionaryColumn,
  type DictionaryView,
} from './dictionary/data-dictionary';
export { BI_EXAMPLE_QUERIES } from './dictionary/example-queries';
export { BiQueryError, type BiQueryErrorCode } from './query/query-error';
export { viewSource, type QuerySource, type SortTerm, type SourceColumn } from './query/query-source';
export { FILTER_OPERATORS, type Filter, type FilterOperator } from './query/filters';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, parseListQuery, type ListQuery, type ListQueryOptions, type ResponseFormat } from './query/list-query';
export { aggregateSource, BI_AGGREGATES, findAggregate, type AggregateColumn, type BiAggregate } from './query/aggregates';
export { BiReader, type Page, type RowSink } from './query/bi-reader';
export { csvField, csvRecord } from './query/csv';
export { csvFields, jsonRow, type JsonValue, type RawRow } from './query/row-format';
export { BI_LOGIN_CONNECTION_LIMIT, BI_LOGIN_SETTINGS, createBiLogin, DEFAULT_BI_LOGIN, type BiLogin, type BiLoginRequest } from './login/bi-login';
export { scramVerifier } from './login/scram-verifier';
export { createBiReadPool, type BiReadPoolOptions } from './query/bi-read-pool';
export { listStatement, type Statement } from './query/list-statement';
