/**
 * The partnership every load-bearing suite (benchmarks, reliability) writes to: Marketing
 * and Sales, proposed, with the demo's "first contact within an hour" SLA defined, ready
 * for SLA observations - the most frequent submission there is.
 */
import type { CommandSubmission } from '@ledger/contracts';
import { FIRST_CONTACT_SLA } from '../../apps/cli/src/demo/marketing-sales/slas';

export const SLA_ID = FIRST_CONTACT_SLA.slaId;

/** The submissions that make a partnership ready for observations; `sourceSystem` when the suite names one. */
export function slaReadyPartnership(partnershipId: string, name: string, sourceSystem?: string): CommandSubmission[] {
  const from = sourceSystem === undefined ? {} : { sourceSystem };
  return [
    {
      type: 'ProposePartnership',
      partnershipId,
      idempotencyKey: `${partnershipId}/propose`,
      ...from,
      data: {
        partnershipId,
        name,
        partners: [
          { teamId: 'marketing', displayName: 'Marketing' },
          { teamId: 'sales', displayName: 'Sales' },
        ],
        proposedBy: 'marketing',
      },
    },
    {
      type: 'DefineSla',
      partnershipId,
      idempotencyKey: `${partnershipId}/sla`,
      ...from,
      data: FIRST_CONTACT_SLA,
    },
  ];
}
