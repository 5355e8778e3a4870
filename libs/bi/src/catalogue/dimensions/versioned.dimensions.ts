/**
 * Slowly changing dimensions (type 2: one row per version, each valid from one instant
 * to the next): agreement versions and shared-vocabulary term versions. The version in
 * force at time T is the row with `valid_from <= T AND T < valid_to`. The current
 * version's `valid_to` is the end of time (9999-12-31), as Kimball advises, so that
 * condition needs no NULL handling in any BI tool.
 *
 * A version's row changes when a later version supersedes it, so its ledger stamp is
 * that of the newest event behind it (`newestOf`), not only its own row's.
 */
import type { BiView } from '../bi-view';
import { commaList, compositeKey, newestOf, optional, required, rowStampColumns } from '../column';
import { ownership, reporting } from '../sources';

export const END_OF_TIME = '9999-12-31T00:00:00Z';
const endOfTime = `'${END_OF_TIME}'::timestamptz`;

export const dimAgreementVersion: BiView = {
  name: 'dim_agreement_version_v1',
  kind: 'dimension',
  grain: 'one row per version of a partnership agreement',
  description:
    'Every version of every partnership agreement (a type 2 slowly changing dimension): its scope, who signed it, and when ' +
    'it was in force. The agreement at time T is the row with valid_from <= T < valid_to.',
  key: { column: 'agreement_version_key', parts: ['partnership_key', 'agreement_version'] },
  columns: [
    required('agreement_version_key', 'text', compositeKey('h.partnership_id', 'h.agreement_version'), 'Key of the row: partnership_key~agreement_version.'),
    required('partnership_key', 'text', 'h.partnership_id', 'The partnership (dim_partnership_v1).'),
    required('agreement_version', 'integer', 'h.agreement_version', 'The version number, from 1.'),
    required(
      'scope',
      'jsonb',
      'h.scope',
      'The agreed scope, exactly as recorded: priorities, programFocusAreas, evaluationProcess, reportingRequirements, ' +
        'outputMeasures, dataManagement, responsibilities per team, meetingCadence.',
    ),
    optional('amendment_reason', 'text', 'h.amendment_reason', 'Why the scope was amended; NULL for the first version.'),
    required('defined_at', 'timestamptz', 'h.defined_at', 'Business time (UTC) the version was written.'),
    optional('valid_from', 'timestamptz', 'h.valid_from', 'When the version came into force (its activation, UTC); NULL if it never did.'),
    optional(
      'valid_to',
      'timestamptz',
      `CASE WHEN h.valid_from IS NOT NULL THEN COALESCE(h.valid_to, ${endOfTime}) END`,
      `When a later version came into force or the partnership was terminated (exclusive); ${END_OF_TIME} while in force; ` +
        'NULL if it never came into force.',
    ),
    required('is_current', 'boolean', 'h.in_force', 'True for the version in force now.'),
    required('signed_by_team_keys', 'text', commaList('h.signed_by'), 'The teams that signed this version, comma-separated; empty when none.'),
    ...rowStampColumns('newest'),
  ],
  from: `FROM ${ownership('agreement_version_history')} h
${newestOf('newest', [
  'SELECT h.last_position, h.occurred_at, h.recorded_at',
  `SELECT later.last_position, later.occurred_at, later.recorded_at FROM ${ownership('agreement_versions')} later
      WHERE later.partnership_id = h.partnership_id AND later.activated_at > h.valid_from`,
  `SELECT s.last_position, s.occurred_at, s.recorded_at FROM ${ownership('agreement_signatures')} s
      WHERE s.partnership_id = h.partnership_id AND s.agreement_version = h.agreement_version`,
  `SELECT p.last_position, p.occurred_at, p.recorded_at FROM ${ownership('partnerships')} p
      WHERE p.partnership_id = h.partnership_id AND p.lifecycle_status = 'terminated' AND h.valid_from IS NOT NULL`,
])}`,
};

export const dimVocabularyTermVersion: BiView = {
  name: 'dim_vocabulary_term_version_v1',
  kind: 'dimension',
  grain: 'one row per version of a shared-vocabulary term of a partnership',
  description:
    'Every version of every shared-vocabulary term (MQL, SQL, ...; a type 2 slowly changing dimension): the definition ' +
    'agreed and when it was in force. The definition at time T is the row with valid_from <= T < valid_to.',
  key: { column: 'vocabulary_term_version_key', parts: ['partnership_key', 'term', 'version'] },
  columns: [
    required('vocabulary_term_version_key', 'text', compositeKey('v.partnership_id', 'v.term', 'v.version'), 'Key of the row: partnership_key~term~version.'),
    required('partnership_key', 'text', 'v.partnership_id', 'The partnership (dim_partnership_v1).'),
    required('term', 'text', 'v.term', 'The term, lower-case: mql, sql, opportunity, ...'),
    required('version', 'integer', 'v.version', 'The version number, from 1.'),
    required('definition', 'text', 'v.definition', 'The definition agreed in this version.'),
    optional('revision_reason', 'text', 'v.revision_reason', 'Why the definition was revised; NULL for the first version.'),
    required('valid_from', 'timestamptz', 'v.valid_from', 'Business time (UTC) from which this definition counts.'),
    required('valid_to', 'timestamptz', `COALESCE(v.next_valid_from, ${endOfTime})`, `When the next version took over (exclusive); ${END_OF_TIME} for the current one.`),
    required('is_current', 'boolean', 'v.next_valid_from IS NULL', 'True for the version in force now.'),
    ...rowStampColumns('newest'),
  ],
  from: `FROM (
  SELECT v.*, LEAD(v.valid_from) OVER versions AS next_valid_from, LEAD(v.last_position) OVER versions AS next_position,
    LEAD(v.occurred_at) OVER versions AS next_occurred_at, LEAD(v.recorded_at) OVER versions AS next_recorded_at
  FROM ${reporting('vocabulary_versions')} v
  WINDOW versions AS (PARTITION BY v.partnership_id, v.term ORDER BY v.version)
) v
${newestOf('newest', [
  'SELECT v.last_position, v.occurred_at, v.recorded_at',
  'SELECT v.next_position, v.next_occurred_at, v.next_recorded_at WHERE v.next_position IS NOT NULL',
])}`,
};
