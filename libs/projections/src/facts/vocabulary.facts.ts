/**
 * Versions of the shared vocabulary's terms (MQL, SQL, ...), each valid from the
 * business time it was agreed. Where a version's validity ends is derived in SQL
 * from the next version.
 */
import { upsert } from '../row-changes/row-change';
import { qualifiedName } from '../sql/identifiers';
import { EVENT_STAMP_COLUMNS, positionIndex, rowKey, stamped, type EventContext, type FactFamily } from './fact-family';

export const VOCABULARY_VERSIONS_TABLE = 'vocabulary_versions';

function termVersion(context: EventContext, term: string, version: number, definition: string, reason: string | null) {
  return upsert(
    VOCABULARY_VERSIONS_TABLE,
    rowKey(context, { term, version }),
    stamped(context, { definition, revision_reason: reason, valid_from: context.stamp.occurred_at }),
  );
}

export const vocabularyFacts: FactFamily = {
  tables: [VOCABULARY_VERSIONS_TABLE],

  tableDefinitions: (schema) => [
    `CREATE TABLE ${qualifiedName(schema, VOCABULARY_VERSIONS_TABLE)} (
  partnership_id text NOT NULL,
  term text NOT NULL,
  version integer NOT NULL,
  definition text NOT NULL,
  revision_reason text,
  valid_from timestamptz NOT NULL,
  ${EVENT_STAMP_COLUMNS},
  PRIMARY KEY (partnership_id, term, version)
)`,
    positionIndex(schema, VOCABULARY_VERSIONS_TABLE),
  ],

  handlers: {
    VocabularyTermDefined: ({ data }, context) => [termVersion(context, data.term, data.version, data.definition, null)],
    VocabularyTermRevised: ({ data }, context) => [
      termVersion(context, data.term, data.version, data.definition, data.reason),
    ],
  },
};
