/**
 * `fact_contribution_v1`: what each partner committed to bring and where it stands, an
 * accumulating snapshot (one row per commitment, updated as it is delivered or
 * withdrawn). Read from the reporting projection's `contribution_status` view, which
 * holds the status rules. `status` and `days_past_due` depend on today's date: a
 * commitment falls overdue without any new event, so refresh this fact in full (it is
 * small) rather than by ledger position alone.
 */
import type { BiView } from '../bi-view';
import { compositeKey, optional, required, rowStampColumns } from '../column';
import { reporting } from '../sources';

export const factContribution: BiView = {
  name: 'fact_contribution_v1',
  kind: 'fact',
  grain: 'one row per contribution a partner committed',
  description: 'What each partner committed to bring (people, data access, budget, ...) and whether it was delivered, on time or late.',
  key: { column: 'contribution_key', parts: ['partnership_key', 'contribution_id'] },
  columns: [
    required('contribution_key', 'text', compositeKey('c.partnership_id', 'c.contribution_id'), 'Key of the row: partnership_key~contribution_id.'),
    required('partnership_key', 'text', 'c.partnership_id', 'The partnership (dim_partnership_v1).'),
    required('partner_key', 'text', compositeKey('c.partnership_id', 'c.team_id'), 'The partner who owes it (dim_partner_v1): partnership_key~team_key.'),
    required('team_key', 'text', 'c.team_id', 'The team who owes it (dim_team_v1).'),
    required('contribution_id', 'text', 'c.contribution_id', "The contribution's id within its partnership."),
    required('kind', 'text', 'c.kind', 'people, data-access, budget, tooling, expertise or process.'),
    required('description', 'text', 'c.description', 'What was committed, as agreed.'),
    optional('quantity', 'numeric', 'c.quantity', 'How much was committed, in unit; NULL when not quantified.'),
    optional('unit', 'text', 'c.unit', 'Unit of quantity; NULL when not quantified.'),
    required('due_date', 'date', 'c.due_date', 'Last UTC calendar day on which a delivery is on time; joins dim_date_v1.date_key.'),
    required('committed_at', 'timestamptz', 'c.committed_at', 'Business time (UTC) of the commitment.'),
    optional('delivered_at', 'timestamptz', 'c.delivered_at', 'Business time (UTC) of the delivery; NULL until delivered.'),
    required('evidence_count', 'integer', 'COALESCE(jsonb_array_length(c.evidence), 0)', 'How many pieces of evidence the delivery cited (0 until delivered).'),
    optional('withdrawn_at', 'timestamptz', 'c.withdrawn_at', 'Business time (UTC) of the withdrawal; NULL unless withdrawn.'),
    optional('withdrawal_reason', 'text', 'c.withdrawal_reason', 'Why it was withdrawn; NULL unless withdrawn.'),
    required(
      'status',
      'text',
      'c.status',
      'At query time: withdrawn if withdrawn; else delivered if delivered; else overdue if due_date < today (UTC); else committed.',
    ),
    optional('delivered_on_time', 'boolean', 'c.delivered_on_time', 'For deliveries: delivered on or before due_date (UTC calendar day). NULL otherwise.'),
    optional(
      'days_past_due',
      'integer',
      'c.days_past_due',
      'Days between due_date and the delivery (late deliveries) or today (overdue ones); 0 when on time; NULL when withdrawn.',
    ),
    ...rowStampColumns('c'),
  ],
  from: `FROM ${reporting('contribution_status')} c`,
};
