/**
 * Partnerships and their partners: name, lifecycle, and which agreement version is
 * the latest and which is in force. The status shown to readers is derived in SQL
 * (see `partnershipStatusSql`) because an activation only makes a *proposed*
 * partnership active, and a handler cannot see the status it would change.
 */
import { update, upsert } from '../row-changes/row-change';
import { qualifiedName } from '../sql/identifiers';
import { EVENT_STAMP_COLUMNS, orNull, positionIndex, rowKey, stamped, type EventContext, type FactFamily } from './fact-family';

export const PARTNERSHIPS_TABLE = 'partnerships';
export const PARTNERS_TABLE = 'partners';

function lifecycleChange(context: EventContext, status: string, reason: string) {
  return update(
    PARTNERSHIPS_TABLE,
    rowKey(context, {}),
    stamped(context, { lifecycle_status: status, lifecycle_changed_at: context.stamp.occurred_at, lifecycle_reason: reason }),
  );
}

export const partnershipFacts: FactFamily = {
  tables: [PARTNERSHIPS_TABLE, PARTNERS_TABLE],

  tableDefinitions: (schema) => [
    `CREATE TABLE ${qualifiedName(schema, PARTNERSHIPS_TABLE)} (
  partnership_id text PRIMARY KEY,
  name text NOT NULL,
  purpose text,
  proposed_by text NOT NULL,
  proposed_at timestamptz NOT NULL,
  -- The last lifecycle event: proposed, suspended, active (resumed) or terminated.
  lifecycle_status text NOT NULL,
  lifecycle_changed_at timestamptz NOT NULL,
  lifecycle_reason text,
  latest_agreement_version integer,
  scope_defined_at timestamptz,
  agreement_version_in_force integer,
  agreement_in_force_since timestamptz,
  ${EVENT_STAMP_COLUMNS}
)`,
    positionIndex(schema, PARTNERSHIPS_TABLE),
    `CREATE TABLE ${qualifiedName(schema, PARTNERS_TABLE)} (
  partnership_id text NOT NULL,
  team_id text NOT NULL,
  display_name text NOT NULL,
  joined_at timestamptz NOT NULL,
  ${EVENT_STAMP_COLUMNS},
  PRIMARY KEY (partnership_id, team_id)
)`,
    `CREATE INDEX ON ${qualifiedName(schema, PARTNERS_TABLE)} (team_id)`,
    positionIndex(schema, PARTNERS_TABLE),
  ],

  handlers: {
    PartnershipProposed: ({ data }, context) => [
      upsert(
        PARTNERSHIPS_TABLE,
        rowKey(context, {}),
        stamped(context, {
          name: data.name,
          purpose: orNull(data.purpose),
          proposed_by: data.proposedBy,
          proposed_at: context.stamp.occurred_at,
          lifecycle_status: 'proposed',
          lifecycle_changed_at: context.stamp.occurred_at,
          lifecycle_reason: null,
        }),
      ),
      ...data.partners.map((partner) =>
        upsert(
          PARTNERS_TABLE,
          rowKey(context, { team_id: partner.teamId }),
          stamped(context, { display_name: partner.displayName, joined_at: context.stamp.occurred_at }),
        ),
      ),
    ],
    ScopeDefined: ({ data }, context) => [
      update(
        PARTNERSHIPS_TABLE,
        rowKey(context, {}),
        stamped(context, { latest_agreement_version: data.agreementVersion, scope_defined_at: context.stamp.occurred_at }),
      ),
    ],
    ScopeAmended: ({ data }, context) => [
      update(PARTNERSHIPS_TABLE, rowKey(context, {}), stamped(context, { latest_agreement_version: data.agreementVersion })),
    ],
    AgreementActivated: ({ data }, context) => [
      update(
        PARTNERSHIPS_TABLE,
        rowKey(context, {}),
        stamped(context, {
          agreement_version_in_force: data.agreementVersion,
          agreement_in_force_since: context.stamp.occurred_at,
        }),
      ),
    ],
    PartnershipSuspended: ({ data }, context) => [lifecycleChange(context, 'suspended', data.reason)],
    PartnershipResumed: ({ data }, context) => [lifecycleChange(context, 'active', data.reason)],
    PartnershipTerminated: ({ data }, context) => [lifecycleChange(context, 'terminated', data.reason)],
  },
};

/**
 * The partnership's status as the domain defines it: the last lifecycle event, except
 * that a proposed partnership becomes active once an agreement version is in force.
 */
export function partnershipStatusSql(alias: string): string {
  return `CASE WHEN ${alias}.lifecycle_status = 'proposed' AND ${alias}.agreement_version_in_force IS NOT NULL
    THEN 'active' ELSE ${alias}.lifecycle_status END`;
}
