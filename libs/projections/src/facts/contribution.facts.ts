/**
 * What each partner committed to bring, and whether it was delivered (when, with which
 * evidence) or withdrawn (why). Whether a delivery was on time, and whether an open
 * commitment is overdue, depends on the query time: see `contributionStatusView`.
 */
import { update, upsert } from '../row-changes/row-change';
import { qualifiedName } from '../sql/identifiers';
import { EVENT_STAMP_COLUMNS, orNull, positionIndex, rowKey, stamped, type FactFamily } from './fact-family';

export const CONTRIBUTIONS_TABLE = 'contributions';

export const contributionFacts: FactFamily = {
  tables: [CONTRIBUTIONS_TABLE],

  tableDefinitions: (schema) => [
    `CREATE TABLE ${qualifiedName(schema, CONTRIBUTIONS_TABLE)} (
  partnership_id text NOT NULL,
  contribution_id text NOT NULL,
  team_id text NOT NULL,
  kind text NOT NULL,
  description text NOT NULL,
  quantity numeric,
  unit text,
  -- The last calendar day (UTC) on which a delivery counts as on time.
  due_date date NOT NULL,
  committed_at timestamptz NOT NULL,
  delivered_at timestamptz,
  evidence jsonb,
  withdrawn_at timestamptz,
  withdrawal_reason text,
  ${EVENT_STAMP_COLUMNS},
  PRIMARY KEY (partnership_id, contribution_id)
)`,
    `CREATE INDEX ON ${qualifiedName(schema, CONTRIBUTIONS_TABLE)} (team_id)`,
    positionIndex(schema, CONTRIBUTIONS_TABLE),
  ],

  handlers: {
    ContributionCommitted: ({ data }, context) => [
      upsert(
        CONTRIBUTIONS_TABLE,
        rowKey(context, { contribution_id: data.contributionId }),
        stamped(context, {
          team_id: data.teamId,
          kind: data.kind,
          description: data.description,
          quantity: orNull(data.quantity),
          unit: orNull(data.unit),
          due_date: data.dueDate,
          committed_at: context.stamp.occurred_at,
        }),
      ),
    ],
    ContributionDelivered: ({ data }, context) => [
      update(
        CONTRIBUTIONS_TABLE,
        rowKey(context, { contribution_id: data.contributionId }),
        stamped(context, { delivered_at: context.stamp.occurred_at, evidence: data.evidence.map((item) => ({ ...item })) }),
      ),
    ],
    ContributionWithdrawn: ({ data }, context) => [
      update(
        CONTRIBUTIONS_TABLE,
        rowKey(context, { contribution_id: data.contributionId }),
        stamped(context, { withdrawn_at: context.stamp.occurred_at, withdrawal_reason: data.reason }),
      ),
    ],
  },
};
