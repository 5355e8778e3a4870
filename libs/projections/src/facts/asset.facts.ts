/** The assets partners bring: owner, steward and the parameters of their use. */
import { update, upsert } from '../row-changes/row-change';
import { qualifiedName } from '../sql/identifiers';
import { EVENT_STAMP_COLUMNS, orNull, positionIndex, rowKey, stamped, type FactFamily } from './fact-family';

export const ASSETS_TABLE = 'assets';

export const assetFacts: FactFamily = {
  tables: [ASSETS_TABLE],

  tableDefinitions: (schema) => [
    `CREATE TABLE ${qualifiedName(schema, ASSETS_TABLE)} (
  partnership_id text NOT NULL,
  asset_id text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  owner_team_id text NOT NULL,
  steward text NOT NULL,
  -- [{"name": ..., "value": ...}], as agreed.
  usage jsonb NOT NULL,
  description text,
  registered_at timestamptz NOT NULL,
  usage_amended_at timestamptz,
  amendment_reason text,
  ${EVENT_STAMP_COLUMNS},
  PRIMARY KEY (partnership_id, asset_id)
)`,
    `CREATE INDEX ON ${qualifiedName(schema, ASSETS_TABLE)} (owner_team_id)`,
    positionIndex(schema, ASSETS_TABLE),
  ],

  handlers: {
    AssetRegistered: ({ data }, context) => [
      upsert(
        ASSETS_TABLE,
        rowKey(context, { asset_id: data.assetId }),
        stamped(context, {
          name: data.name,
          kind: data.kind,
          owner_team_id: data.ownerTeamId,
          steward: data.steward,
          usage: data.usage.map((parameter) => ({ ...parameter })),
          description: orNull(data.description),
          registered_at: context.stamp.occurred_at,
          usage_amended_at: null,
          amendment_reason: null,
        }),
      ),
    ],
    AssetUsageAmended: ({ data }, context) => [
      update(
        ASSETS_TABLE,
        rowKey(context, { asset_id: data.assetId }),
        stamped(context, {
          steward: data.steward,
          usage: data.usage.map((parameter) => ({ ...parameter })),
          usage_amended_at: context.stamp.occurred_at,
          amendment_reason: data.reason,
        }),
      ),
    ],
  },
};
