/** The partnership's life after activation: suspend, resume, terminate - each with a reason. */
import type { CommandData } from '@ledger/domain';
import { TextProperty } from './properties';

export class SuspendPartnershipDto implements CommandData<'SuspendPartnership'> {
  @TextProperty({ description: 'Why the partnership is suspended.', example: 'Reorganisation of the Sales team.' })
  reason!: string;
}

export class ResumePartnershipDto implements CommandData<'ResumePartnership'> {
  @TextProperty({ description: 'Why the partnership resumes.', example: 'The new Sales team is in place.' })
  reason!: string;
}

export class TerminatePartnershipDto implements CommandData<'TerminatePartnership'> {
  @TextProperty({ description: 'Why the partnership ends.', example: 'Replaced by the 2027 agreement.' })
  reason!: string;
}
