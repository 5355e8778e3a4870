/**
 * Service level agreements between partners ("Sales contacts every MQL within one
 * hour") and the observations that show whether each case met them.
 */
import type { CommandData } from '@ledger/domain';
import { CADENCES, SLA_COMPARATORS, type Cadence, type SlaComparator, type SlaThreshold } from '@ledger/contracts';
import { LIMITS } from './patterns';
import {
  IdProperty,
  NameProperty,
  NestedProperty,
  NumberProperty,
  OneOfProperty,
  PositiveNumberProperty,
  TeamIdProperty,
  TextProperty,
} from './properties';

export class SlaThresholdDto implements SlaThreshold {
  @OneOfProperty({ description: 'How an observed value is compared with the threshold.', example: 'at-most' }, SLA_COMPARATORS)
  comparator!: SlaComparator;

  @NumberProperty({ description: 'The threshold, in the unit of the SLA.', example: 60 })
  value!: number;
}

export class DefineSlaDto implements CommandData<'DefineSla'> {
  @IdProperty({ description: 'Id of the SLA.', example: 'mql-first-contact' })
  slaId!: string;

  @NameProperty({ description: 'Name of the SLA.', example: 'Sales contacts every MQL within one hour' })
  name!: string;

  @TeamIdProperty({ description: 'The partner team that provides the service.', example: 'sales' })
  providerTeamId!: string;

  @TeamIdProperty({ description: 'The partner team that benefits from it.', example: 'marketing' })
  beneficiaryTeamId!: string;

  @NameProperty({ description: 'What is measured for each case.', example: 'Time from MQL to first contact' })
  measure!: string;

  @TextProperty({ description: 'Unit of the measure.', example: 'minutes' }, LIMITS.unit)
  unit!: string;

  @NestedProperty({ description: 'What each observation must meet.' }, () => SlaThresholdDto)
  threshold!: SlaThresholdDto;

  @PositiveNumberProperty({ description: 'Share of observations (above 0, at most 1) that must meet the threshold.', example: 0.95 }, 1)
  complianceTarget!: number;

  @OneOfProperty({ description: 'Period over which compliance is judged.', example: 'weekly' }, CADENCES)
  compliancePeriod!: Cadence;
}

export class RecordSlaObservationDto implements CommandData<'RecordSlaObservation'> {
  @IdProperty({ description: 'Id of the observation, unique in the partnership.', example: 'lead-8812-first-contact' })
  observationId!: string;

  @IdProperty({ description: 'The SLA observed.', example: 'mql-first-contact' })
  slaId!: string;

  @NumberProperty({ description: 'The observed value, in the unit of the SLA.', example: 42 })
  value!: number;

  @NameProperty({ description: 'The case observed, e.g. a lead id.', example: 'lead-8812', optional: true })
  subject?: string;
}
