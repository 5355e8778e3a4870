/**
 * The partnership dimensions, from the ownership projection: each partnership
 * (`dim_partnership_v1`), each partner of each partnership (`dim_partner_v1`), and each
 * team across all partnerships (`dim_team_v1`), which facts name by `team_key`.
 */
import type { BiView } from '../bi-view';
import { commaList, compositeKey, ledgerStampColumns, optional, required, rowStampColumns } from '../column';
import { ownership } from '../sources';

export const dimPartnership: BiView = {
  name: 'dim_partnership_v1',
  kind: 'dimension',
  grain: 'one row per partnership',
  description: 'Every partnership between teams: its status, the agreement version in force and its partners.',
  key: { column: 'partnership_key', parts: ['partnership_key'] },
  columns: [
    required('partnership_key', 'text', 'o.partnership_id', "The partnership's id, e.g. mkt-sales."),
    required('name', 'text', 'o.name', "The partnership's name."),
    optional('purpose', 'text', 'o.purpose', 'What it is for; NULL when not given.'),
    required('status', 'text', 'o.status', 'proposed, active, suspended or terminated; a proposed partnership is active once an agreement version is in force.'),
    required('proposed_by_team_key', 'text', 'o.proposed_by', 'The team that proposed it (dim_team_v1).'),
    required('proposed_at', 'timestamptz', 'o.proposed_at', 'Business time (UTC) of the proposal.'),
    optional('agreement_version_in_force', 'integer', 'o.agreement_version_in_force', 'The agreement version in force (dim_agreement_version_v1); NULL before the first activation.'),
    optional('agreement_in_force_since', 'timestamptz', 'o.agreement_in_force_since', 'When that version came into force (UTC).'),
    optional('latest_agreement_version', 'integer', 'o.latest_agreement_version', 'The newest version of the agreement text, in force or not; NULL before the scope is defined.'),
    required('partner_team_keys', 'text', commaList('o.partner_team_ids'), 'The partner teams, comma-separated in alphabetical order (dim_partner_v1 has one row each).'),
    required('partner_count', 'integer', 'cardinality(o.partner_team_ids)', 'How many teams are partners.'),
    required('status_changed_at', 'timestamptz', 'o.lifecycle_changed_at', 'Business time (UTC) of the last lifecycle event (proposed, suspended, resumed, terminated).'),
    optional('status_reason', 'text', 'o.lifecycle_reason', 'The reason given with the last suspension, resumption or termination.'),
    ...rowStampColumns('o'),
  ],
  from: `FROM ${ownership('partnership_overview')} o`,
};

export const dimPartner: BiView = {
  name: 'dim_partner_v1',
  kind: 'dimension',
  grain: 'one row per partner (team) of a partnership',
  description: 'Which teams take part in which partnership: the bridge between dim_partnership_v1 and dim_team_v1.',
  key: { column: 'partner_key', parts: ['partnership_key', 'team_key'] },
  columns: [
    required('partner_key', 'text', compositeKey('pt.partnership_id', 'pt.team_id'), 'Key of the row: partnership_key~team_key.'),
    required('partnership_key', 'text', 'pt.partnership_id', 'The partnership (dim_partnership_v1).'),
    required('team_key', 'text', 'pt.team_id', 'The team (dim_team_v1).'),
    required('display_name', 'text', 'pt.display_name', 'The name the partnership gives the team.'),
    required('joined_at', 'timestamptz', 'pt.joined_at', 'Business time (UTC) the team became a partner.'),
    ...rowStampColumns('pt'),
  ],
  from: `FROM ${ownership('partnership_partners')} pt`,
};

/** Of a team's partner rows, the value on the most recently changed one. */
const latest = (column: string) => `(array_agg(pt.${column} ORDER BY pt.last_position DESC))[1]`;

export const dimTeam: BiView = {
  name: 'dim_team_v1',
  kind: 'dimension',
  grain: 'one row per team (Marketing, Sales, IT, Finance, ...) across all partnerships',
  description: 'Every team that is a partner in at least one partnership.',
  key: { column: 'team_key', parts: ['team_key'] },
  columns: [
    required('team_key', 'text', 'team.team_id', "The team's id, e.g. marketing."),
    required('display_name', 'text', 'team.display_name', 'The name the most recently changed partnership gives the team.'),
    required('partnership_count', 'integer', 'team.partnership_count', 'In how many partnerships the team is a partner.'),
    required('first_joined_at', 'timestamptz', 'team.first_joined_at', 'When the team first became a partner (UTC).'),
    ...ledgerStampColumns('team.last_position', 'team.occurred_at', 'team.recorded_at'),
  ],
  from: `FROM (
  SELECT pt.team_id, ${latest('display_name')} AS display_name, count(*) AS partnership_count,
    min(pt.joined_at) AS first_joined_at, max(pt.last_position) AS last_position,
    ${latest('occurred_at')} AS occurred_at, ${latest('recorded_at')} AS recorded_at
  FROM ${ownership('partnership_partners')} pt
  GROUP BY pt.team_id
) team`,
};
