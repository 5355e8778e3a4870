/**
 * The data dictionary of schema `bi`: every view and column with its type and meaning.
 * One renderer, two inputs: the catalogue (what the code defines; the script writes
 * `libs/bi/DATA_DICTIONARY.md` from it) and the database (what PostgreSQL reports in
 * `information_schema.columns` and `pg_description`). A test renders both and compares
 * them with the committed file, so the three cannot drift apart.
 */
import { BI_SCHEMA, viewComment } from '../catalogue/bi-view';
import { BI_VIEWS } from '../catalogue/catalogue';
import { BI_COLUMN_TYPES } from '../catalogue/column';
import type { QueryFunction, SampleQuestion } from '@ledger/projections';
import { BI_EXAMPLE_QUERIES } from './example-queries';

export interface DictionaryColumn {
  readonly name: string;
  /** As `information_schema.columns.data_type` names it. */
  readonly type: string;
  readonly comment: string;
}

export interface DictionaryView {
  readonly name: string;
  readonly comment: string;
  readonly columns: readonly DictionaryColumn[];
}

export function dictionaryFromCatalogue(): DictionaryView[] {
  return BI_VIEWS.map((view) => ({
    name: view.name,
    comment: viewComment(view),
    columns: view.columns.map((column) => ({ name: column.name, type: BI_COLUMN_TYPES[column.type], comment: column.description })),
  }));
}

export async function dictionaryFromDatabase(query: QueryFunction): Promise<DictionaryView[]> {
  const { rows } = await query(
    `SELECT c.table_name AS view, c.column_name AS name, c.data_type AS type,
       coalesce(col_description(format('%I.%I', c.table_schema, c.table_name)::regclass, c.ordinal_position), '') AS comment,
       coalesce(obj_description(format('%I.%I', c.table_schema, c.table_name)::regclass, 'pg_class'), '') AS view_comment
     FROM information_schema.columns c
     JOIN information_schema.views v ON v.table_schema = c.table_schema AND v.table_name = c.table_name
     WHERE c.table_schema = $1
     ORDER BY c.table_name, c.ordinal_position`,
    [BI_SCHEMA],
  );
  const views = new Map<string, { name: string; comment: string; columns: DictionaryColumn[] }>();
  for (const row of rows as { view: string; name: string; type: string; comment: string; view_comment: string }[]) {
    const view = views.get(row.view) ?? { name: row.view, comment: row.view_comment, columns: [] };
    view.columns.push({ name: row.name, type: row.type, comment: row.comment });
    views.set(row.view, view);
  }
  return [...views.values()];
}

export function renderDataDictionary(views: readonly DictionaryView[]): string {
  const sorted = [...views].sort((a, b) => a.name.localeCompare(b.name));
  return [
    '# Data dictionary: schema `bi`',
    '',
    '<!-- Generated from libs/bi/src/catalogue by `node dist/libs/bi/scripts/write-data-dictionary.js`; do not edit. -->',
    '<!-- A test compares this file with what PostgreSQL reports (information_schema.columns, pg_description). -->',
    '',
    'Stable views for BI tools, in a star schema: facts (what happened, one row per reading, observation, contribution ' +
      'or decision) and dimensions (who and what they are about). Join a fact to a dimension on the `*_key` column of ' +
      'the same name; days join `dim_date_v1.date_key`. All times are UTC. A view keeps its name, columns and types ' +
      'across releases; a breaking change adds `_v2` beside `_v1`.',
    '',
    '| view | what it holds |',
    '| --- | --- |',
    ...sorted.map((view) => `| [\`bi.${view.name}\`](#bi${view.name}) | ${cell(view.comment)} |`),
    '',
    ...sorted.flatMap(renderView),
    '## Example queries',
    '',
    'The sample questions of the domain, over these views alone. `$1`, `$2`, ... are parameters (examples given).',
    '',
    ...BI_EXAMPLE_QUERIES.flatMap(renderExample),
  ].join('\n');
}

function renderExample(example: SampleQuestion): string[] {
  const parameters = example.parameters.map(
    (parameter, index) => `- \`$${index + 1}\` ${parameter.name}: ${parameter.description} Example: \`${parameter.example}\`.`,
  );
  return [`### ${example.question}`, '', example.answer, '', ...parameters, ...(parameters.length ? [''] : []), '```sql', example.sql, '```', ''];
}

function renderView(view: DictionaryView): string[] {
  return [
    `## bi.${view.name}`,
    '',
    view.comment,
    '',
    '| column | type | meaning |',
    '| --- | --- | --- |',
    ...view.columns.map((column) => `| \`${column.name}\` | ${column.type} | ${cell(column.comment)} |`),
    '',
  ];
}

/** Markdown table cells cannot hold a pipe or a line break. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** Where the committed dictionary lives, from the repository root. */
export const DATA_DICTIONARY_PATH = 'libs/bi/DATA_DICTIONARY.md';
