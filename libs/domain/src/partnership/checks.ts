/**
 * Checks several areas of the agreement share, so each rule reads the same and says
 * the same thing wherever it applies: partner membership, finite numbers, optional fields.
 */
import type { TeamId } from '@ledger/contracts';
import { DomainError } from './errors';
import type { PartnershipState } from './state';

export function isPartner(state: PartnershipState, teamId: TeamId): boolean {
  return state.partners.some((partner) => partner.teamId === teamId);
}

/** `"marketing", "sales"`: for sentences that list who may do something. */
export function quoteAll(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}

export interface PartnerRequirement {
  code: string;
  field: string;
  /** What only a partner may do, completing "only a partner can ...", e.g. `own a metric`. */
  action: string;
}

export function requirePartner(state: PartnershipState, teamId: TeamId, requirement: PartnerRequirement): void {
  if (isPartner(state, teamId)) return;
  const partners = quoteAll(state.partners.map((partner) => partner.teamId));
  throw DomainError.rule(
    requirement.code,
    `Team "${teamId}" is not a partner of partnership "${state.partnershipId}" (partners: ${partners}); ` +
      `only a partner can ${requirement.action}.`,
    requirement.field,
  );
}

/** JSON cannot carry NaN or Infinity, but a Kafka payload decoded by hand might. */
export function requireFinite(value: number, code: string, field: string, subject: string): void {
  if (Number.isFinite(value)) return;
  throw DomainError.rule(code, `${subject} must be a finite number, got ${value}.`, field);
}

/** Event data without the optional fields the command left out, so events compare and hash alike. */
export function withoutUndefined<T extends object>(data: T): T {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as T;
}
