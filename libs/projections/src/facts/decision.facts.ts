/**
 * Recorded decisions, with the authority the decider claimed. Whether the decider held
 * a deciding right at that point is judged in SQL against `decision_right_changes`.
 */
import { upsert } from '../row-changes/row-change';
import { qualifiedName } from '../sql/identifiers';
import { EVENT_STAMP_COLUMNS, orNull, positionIndex, rowKey, stamped, type FactFamily } from './fact-family';

export const DECISIONS_TABLE = 'decisions';

export const decisionFacts: FactFamily = {
  tables: [DECISIONS_TABLE],

  tableDefinitions: (schema) => [
    `CREATE TABLE ${qualifiedName(schema, DECISIONS_TABLE)} (
  partnership_id text NOT NULL,
  decision_id text NOT NULL,
  decision_area text NOT NULL,
  decided_by text NOT NULL,
  claimed_authority text NOT NULL,
  title text NOT NULL,
  rationale text,
  decided_at timestamptz NOT NULL,
  ${EVENT_STAMP_COLUMNS},
  PRIMARY KEY (partnership_id, decision_id)
)`,
    positionIndex(schema, DECISIONS_TABLE),
  ],

  handlers: {
    DecisionRecorded: ({ data }, context) => [
      upsert(
        DECISIONS_TABLE,
        rowKey(context, { decision_id: data.decisionId }),
        stamped(context, {
          decision_area: data.decisionArea,
          decided_by: data.decidedBy,
          claimed_authority: data.authority,
          title: data.title,
          rationale: orNull(data.rationale),
          decided_at: context.stamp.occurred_at,
        }),
      ),
    ],
  },
};
