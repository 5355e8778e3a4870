/**
 * The partnership every load-bearing suite (benchmarks, reliability) writes to: Marketing
 * and Sales, proposed, with the CRM's "first contact within an hour" SLA defined, ready
 * for SLA observations - the most frequent submission there is.
 */
import type { CommandSubmission } from '@ledger/contracts';

export const SLA_ID = 'mql-first-contact';

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
      data: {
        slaId: SLA_ID,
        name: 'Sales contacts every MQL within 1 hour',
        providerTeamId: 'sales',
        beneficiaryTeamId: 'marketing',
        measure: 'Minutes from MQL hand-off to the first sales call or email',
        unit: 'minutes',
        threshold: { comparator: 'at-most', value: 60 },
        complianceTarget: 0.9,
        compliancePeriod: 'weekly',
      },
    },
  ];
}
