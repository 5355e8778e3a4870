/** Rule 2 of engagement: what each partner commits to bring, delivers, or withdraws. */
import type { CommandData } from '@ledger/domain';
import { CONTRIBUTION_KINDS, type ContributionKind, type Evidence } from '@ledger/contracts';
import { LIMITS } from './patterns';
import {
  CalendarDateProperty,
  IdProperty,
  NestedListProperty,
  OneOfProperty,
  PositiveNumberProperty,
  TeamIdProperty,
  TextProperty,
  UriProperty,
} from './properties';

export class CommitContributionDto implements CommandData<'CommitContribution'> {
  @IdProperty({ description: 'Id of the commitment.', example: 'sales-sdr-capacity' })
  contributionId!: string;

  @TeamIdProperty({ description: 'The partner team that commits.', example: 'sales' })
  teamId!: string;

  @OneOfProperty({ description: 'What kind of contribution it is.', example: 'people' }, CONTRIBUTION_KINDS)
  kind!: ContributionKind;

  @TextProperty({ description: 'What exactly is committed.', example: 'Two SDRs dedicated to inbound leads.' })
  description!: string;

  @PositiveNumberProperty({ description: 'How much, in `unit`.', example: 2, optional: true })
  quantity?: number;

  @TextProperty({ description: 'Unit of the quantity.', example: 'FTE', optional: true }, LIMITS.unit)
  unit?: string;

  @CalendarDateProperty({ description: 'Date (UTC) by which it is due.', example: '2026-03-31' })
  dueDate!: string;
}

export class EvidenceDto implements Evidence {
  @TextProperty({ description: 'What shows the delivery.', example: 'SDR team staffed; see the roster.' })
  description!: string;

  @UriProperty({ description: 'Where the evidence can be seen.', example: 'https://wiki.example.com/sdr-roster', optional: true })
  uri?: string;
}

export class DeliverContributionDto implements CommandData<'DeliverContribution'> {
  @IdProperty({ description: 'The commitment delivered.', example: 'sales-sdr-capacity' })
  contributionId!: string;

  @NestedListProperty({ description: 'Evidence of the delivery (1 to 20 items).' }, () => EvidenceDto, LIMITS.evidence)
  evidence!: EvidenceDto[];
}

export class WithdrawContributionDto implements CommandData<'WithdrawContribution'> {
  @IdProperty({ description: 'The commitment withdrawn.', example: 'sales-sdr-capacity' })
  contributionId!: string;

  @TextProperty({ description: 'Why it is withdrawn.', example: 'Hiring freeze until Q3.' })
  reason!: string;
}
