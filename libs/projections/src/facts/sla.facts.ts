/**
 * Service level agreements between partners and every observation of them. An
 * observation's compliance period follows from its SLA and its time, in SQL.
 */
import { upsert } from '../row-changes/row-change';
import { qualifiedName } from '../sql/identifiers';
import { EVENT_STAMP_COLUMNS, orNull, positionIndex, rowKey, stamped, type FactFamily } from './fact-family';

export const SLAS_TABLE = 'slas';
export const SLA_OBSERVATIONS_TABLE = 'sla_observations';

export const slaFacts: FactFamily = {
  tables: [SLAS_TABLE, SLA_OBSERVATIONS_TABLE],

  tableDefinitions: (schema) => [
    `CREATE TABLE ${qualifiedName(schema, SLAS_TABLE)} (
  partnership_id text NOT NULL,
  sla_id text NOT NULL,
  name text NOT NULL,
  provider_team_id text NOT NULL,
  beneficiary_team_id text NOT NULL,
  measure text NOT NULL,
  unit text NOT NULL,
  threshold_comparator text NOT NULL,
  threshold_value numeric NOT NULL,
  compliance_target numeric NOT NULL,
  compliance_period text NOT NULL,
  defined_at timestamptz NOT NULL,
  ${EVENT_STAMP_COLUMNS},
  PRIMARY KEY (partnership_id, sla_id)
)`,
    positionIndex(schema, SLAS_TABLE),
    `CREATE TABLE ${qualifiedName(schema, SLA_OBSERVATIONS_TABLE)} (
  partnership_id text NOT NULL,
  observation_id text NOT NULL,
  sla_id text NOT NULL,
  value numeric NOT NULL,
  met boolean NOT NULL,
  subject text,
  observed_at timestamptz NOT NULL,
  ${EVENT_STAMP_COLUMNS},
  PRIMARY KEY (partnership_id, observation_id)
)`,
    `CREATE INDEX ON ${qualifiedName(schema, SLA_OBSERVATIONS_TABLE)} (partnership_id, sla_id, observed_at)`,
    positionIndex(schema, SLA_OBSERVATIONS_TABLE),
  ],

  handlers: {
    SlaDefined: ({ data }, context) => [
      upsert(
        SLAS_TABLE,
        rowKey(context, { sla_id: data.slaId }),
        stamped(context, {
          name: data.name,
          provider_team_id: data.providerTeamId,
          beneficiary_team_id: data.beneficiaryTeamId,
          measure: data.measure,
          unit: data.unit,
          threshold_comparator: data.threshold.comparator,
          threshold_value: data.threshold.value,
          compliance_target: data.complianceTarget,
          compliance_period: data.compliancePeriod,
          defined_at: context.stamp.occurred_at,
        }),
      ),
    ],
    SlaObservationRecorded: ({ data }, context) => [
      upsert(
        SLA_OBSERVATIONS_TABLE,
        rowKey(context, { observation_id: data.observationId }),
        stamped(context, {
          sla_id: data.slaId,
          value: data.value,
          met: data.met,
          subject: orNull(data.subject),
          observed_at: context.stamp.occurred_at,
        }),
      ),
    ],
  },
};
