/**
 * The shapes of the values a command may carry, defined once for every DTO, both
 * transports and the OpenAPI document. Limits are generous for people and tight enough
 * that nothing unbounded reaches the event store.
 */

/** Ids of partnerships and of everything inside them: a slug or a UUID. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Teams are few and named by people, so their ids are short lower-case slugs: `marketing`. */
export const TEAM_ID_PATTERN = /^[a-z][a-z0-9-]{1,63}$/;

/** Shared vocabulary terms (`mql`, `sales-accepted-lead`); the domain lower-cases them. */
export const TERM_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

/** The internal system a submission comes from: `crm`, `marketing-automation`. */
export const SOURCE_SYSTEM_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Idempotency keys and tracing ids: visible ASCII, no spaces, so they survive every log and header. */
export const TOKEN_PATTERN = /^[\x21-\x7E]{1,200}$/;

export const CALENDAR_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** An instant with its offset: without one, the same text means different moments on different servers. */
export const DATE_TIME_WITH_OFFSET_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A reporting period in any cadence's notation: `2026`, `2026-Q1`, `2026-03`, `2026-W09`,
 * `2026-03-01`. Whether it fits the metric's cadence is the domain's call (it knows the metric).
 */
export const PERIOD_PATTERN =
  /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?|-W(0[1-9]|[1-4]\d|5[0-3])|-Q[1-4])?$/;

export const LIMITS = {
  name: 200,
  text: 4000,
  listItem: 500,
  unit: 50,
  uri: 2000,
  partners: { min: 2, max: 20 },
  evidence: { min: 1, max: 20 },
  usage: { min: 0, max: 50 },
  scopeList: { min: 0, max: 50 },
  assignments: { min: 1, max: 50 },
} as const;
