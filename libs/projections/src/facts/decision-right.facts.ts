/**
 * The RACI of every decision area: which rights each team holds now (and since when),
 * and every assignment and revocation in ledger order. The history is what lets the
 * reporting view judge each decision against the rights held at that very position.
 */
import { update, upsert } from '../row-changes/row-change';
import { qualifiedName } from '../sql/identifiers';
import { EVENT_STAMP_COLUMNS, historyEntry, positionIndex, rowKey, stamped, type FactFamily } from './fact-family';

export const DECISION_RIGHTS_TABLE = 'decision_rights';
export const DECISION_RIGHT_CHANGES_TABLE = 'decision_right_changes';

export const decisionRightFacts: FactFamily = {
  tables: [DECISION_RIGHTS_TABLE, DECISION_RIGHT_CHANGES_TABLE],

  tableDefinitions: (schema) => [
    `CREATE TABLE ${qualifiedName(schema, DECISION_RIGHTS_TABLE)} (
  partnership_id text NOT NULL,
  decision_area text NOT NULL,
  team_id text NOT NULL,
  role text NOT NULL,
  held boolean NOT NULL,
  held_since timestamptz NOT NULL,
  revoked_at timestamptz,
  revocation_reason text,
  ${EVENT_STAMP_COLUMNS},
  PRIMARY KEY (partnership_id, decision_area, team_id, role)
)`,
    `CREATE INDEX ON ${qualifiedName(schema, DECISION_RIGHTS_TABLE)} (team_id)`,
    positionIndex(schema, DECISION_RIGHTS_TABLE),
    `CREATE TABLE ${qualifiedName(schema, DECISION_RIGHT_CHANGES_TABLE)} (
  partnership_id text NOT NULL,
  decision_area text NOT NULL,
  team_id text NOT NULL,
  role text NOT NULL,
  change text NOT NULL CHECK (change IN ('assigned', 'revoked')),
  reason text,
  ${EVENT_STAMP_COLUMNS},
  PRIMARY KEY (partnership_id, decision_area, team_id, role, last_position)
)`,
    positionIndex(schema, DECISION_RIGHT_CHANGES_TABLE),
  ],

  handlers: {
    DecisionRightAssigned: ({ data }, context) => {
      const right = { decision_area: data.decisionArea, team_id: data.teamId, role: data.role };
      return [
        upsert(
          DECISION_RIGHTS_TABLE,
          rowKey(context, right),
          stamped(context, { held: true, held_since: context.stamp.occurred_at, revoked_at: null, revocation_reason: null }),
        ),
        historyEntry(context, DECISION_RIGHT_CHANGES_TABLE, right, { change: 'assigned', reason: null }),
      ];
    },
    DecisionRightRevoked: ({ data }, context) => {
      const right = { decision_area: data.decisionArea, team_id: data.teamId, role: data.role };
      return [
        update(
          DECISION_RIGHTS_TABLE,
          rowKey(context, right),
          stamped(context, { held: false, revoked_at: context.stamp.occurred_at, revocation_reason: data.reason }),
        ),
        historyEntry(context, DECISION_RIGHT_CHANGES_TABLE, right, { change: 'revoked', reason: data.reason }),
      ];
    },
  },
};
