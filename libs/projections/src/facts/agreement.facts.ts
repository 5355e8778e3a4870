/**
 * Agreement versions (the scope text of each version, when it was defined and when it
 * came into force) and who signed which version. Validity ranges (valid_from /
 * valid_to) are derived in SQL from the activation times, so a version stays correct
 * however many later versions were never activated.
 */
import { update, upsert } from '../row-changes/row-change';
import { qualifiedName } from '../sql/identifiers';
import { EVENT_STAMP_COLUMNS, positionIndex, rowKey, stamped, type FactFamily } from './fact-family';

export const AGREEMENT_VERSIONS_TABLE = 'agreement_versions';
export const AGREEMENT_SIGNATURES_TABLE = 'agreement_signatures';

export const agreementFacts: FactFamily = {
  tables: [AGREEMENT_VERSIONS_TABLE, AGREEMENT_SIGNATURES_TABLE],

  tableDefinitions: (schema) => [
    `CREATE TABLE ${qualifiedName(schema, AGREEMENT_VERSIONS_TABLE)} (
  partnership_id text NOT NULL,
  agreement_version integer NOT NULL,
  scope jsonb NOT NULL,
  amendment_reason text,
  defined_at timestamptz NOT NULL,
  activated_at timestamptz,
  ${EVENT_STAMP_COLUMNS},
  PRIMARY KEY (partnership_id, agreement_version)
)`,
    positionIndex(schema, AGREEMENT_VERSIONS_TABLE),
    `CREATE TABLE ${qualifiedName(schema, AGREEMENT_SIGNATURES_TABLE)} (
  partnership_id text NOT NULL,
  agreement_version integer NOT NULL,
  team_id text NOT NULL,
  signatory text NOT NULL,
  signed_at timestamptz NOT NULL,
  ${EVENT_STAMP_COLUMNS},
  PRIMARY KEY (partnership_id, agreement_version, team_id)
)`,
    positionIndex(schema, AGREEMENT_SIGNATURES_TABLE),
  ],

  handlers: {
    ScopeDefined: ({ data }, context) => [
      upsert(
        AGREEMENT_VERSIONS_TABLE,
        rowKey(context, { agreement_version: data.agreementVersion }),
        stamped(context, { scope: { ...data.scope }, amendment_reason: null, defined_at: context.stamp.occurred_at }),
      ),
    ],
    ScopeAmended: ({ data }, context) => [
      upsert(
        AGREEMENT_VERSIONS_TABLE,
        rowKey(context, { agreement_version: data.agreementVersion }),
        stamped(context, { scope: { ...data.scope }, amendment_reason: data.reason, defined_at: context.stamp.occurred_at }),
      ),
    ],
    AgreementSigned: ({ data }, context) => [
      upsert(
        AGREEMENT_SIGNATURES_TABLE,
        rowKey(context, { agreement_version: data.agreementVersion, team_id: data.teamId }),
        stamped(context, { signatory: data.signatory, signed_at: context.stamp.occurred_at }),
      ),
    ],
    AgreementActivated: ({ data }, context) => [
      update(
        AGREEMENT_VERSIONS_TABLE,
        rowKey(context, { agreement_version: data.agreementVersion }),
        stamped(context, { activated_at: context.stamp.occurred_at }),
      ),
    ],
  },
};
