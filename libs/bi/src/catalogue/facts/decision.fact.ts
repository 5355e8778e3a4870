/**
 * `fact_decision_v1`: every recorded decision, judged against the decision rights its
 * decider held in the area at that point of the ledger. Read from the reporting
 * projection's `decision_audit` view, which replays the rights history; the verdict on
 * a decision never changes afterwards, so the decision's own stamp is its newest event.
 */
import type { BiView } from '../bi-view';
import { commaList, compositeKey, optional, required, rowStampColumns, utcDay } from '../column';
import { reporting } from '../sources';

export const factDecision: BiView = {
  name: 'fact_decision_v1',
  kind: 'fact',
  grain: 'one row per recorded decision',
  description: 'Every recorded decision, and whether its decider held a deciding right (Responsible or Accountable) in the area.',
  key: { column: 'decision_key', parts: ['partnership_key', 'decision_id'] },
  columns: [
    required('decision_key', 'text', compositeKey('d.partnership_id', 'd.decision_id'), 'Key of the row: partnership_key~decision_id.'),
    required('partnership_key', 'text', 'd.partnership_id', 'The partnership (dim_partnership_v1).'),
    required('decision_area_key', 'text', compositeKey('d.partnership_id', 'd.decision_area'), 'The decision area (dim_decision_area_v1): partnership_key~decision_area.'),
    required('decision_id', 'text', 'd.decision_id', "The decision's id within its partnership."),
    required('decision_area', 'text', 'd.decision_area', 'The decision area, e.g. marketing-technology-investments.'),
    required('decided_by_team_key', 'text', 'd.decided_by', 'The team that took the decision (dim_team_v1).'),
    required('claimed_authority', 'text', 'd.claimed_authority', 'The RACI role the decider claimed to decide by.'),
    required('title', 'text', 'd.title', 'What was decided, in a line.'),
    optional('rationale', 'text', 'd.rationale', 'Why; NULL when not given.'),
    required('decided_at', 'timestamptz', 'd.decided_at', 'Business time (UTC) of the decision.'),
    required('decided_on', 'date', utcDay('d.decided_at'), 'UTC calendar day of decided_at; joins dim_date_v1.date_key.'),
    required(
      'rights_held',
      'text',
      commaList('d.rights_held'),
      "The decider's RACI roles in the area just before the decision (by ledger position), comma-separated; empty when none.",
    ),
    required('within_rights', 'boolean', 'd.within_rights', 'True when rights_held includes responsible or accountable.'),
    required('claimed_authority_held', 'boolean', 'd.claimed_authority_held', 'True when claimed_authority is among rights_held.'),
    ...rowStampColumns('d'),
  ],
  from: `FROM ${reporting('decision_audit')} d`,
};
