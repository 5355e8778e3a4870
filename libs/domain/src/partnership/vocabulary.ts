/**
 * The shared vocabulary: agreed definitions of the terms teams otherwise fight over
 * (lead, MQL, SQL, ...). A definition never changes in place; a revision is a new
 * version, and readings record the version in force when they were taken.
 */
import type { PartnershipEvent } from '@ledger/contracts';
import type { DefineVocabularyTerm, ReviseVocabularyTerm } from '../commands';
import { DomainError } from './errors';
import type { PartnershipState, VocabularyTermState } from './state';

const TERM_SLUG = /^[a-z0-9][a-z0-9-]*$/;

/** Terms are slugs compared case-insensitively: `MQL` and `mql` are one term. */
export function normaliseTerm(term: string): string {
  return term.trim().toLowerCase();
}

export function requireTerm(state: PartnershipState, term: string, field: string): VocabularyTermState {
  const known = state.vocabulary.get(term);
  if (known !== undefined) return known;
  throw DomainError.rule(
    'vocabulary-term.unknown',
    `Term "${term}" is not defined in the shared vocabulary of partnership "${state.partnershipId}"; define it first.`,
    field,
  );
}

export function defineVocabularyTerm(command: DefineVocabularyTerm, state: PartnershipState): PartnershipEvent[] {
  const term = normaliseTerm(command.data.term);
  if (!TERM_SLUG.test(term)) {
    throw DomainError.rule(
      'vocabulary-term.invalid',
      `Term "${command.data.term}" is not a slug: use lower-case letters, digits and hyphens, ` +
        'starting with a letter or digit (e.g. "mql").',
      'term',
    );
  }
  if (state.vocabulary.has(term)) {
    throw DomainError.conflict(
      'vocabulary-term.already-exists',
      `Term "${term}" is already defined in partnership "${state.partnershipId}"; change its definition with ReviseVocabularyTerm.`,
      'term',
    );
  }
  return [{ type: 'VocabularyTermDefined', data: { term, version: 1, definition: command.data.definition } }];
}

export function reviseVocabularyTerm(command: ReviseVocabularyTerm, state: PartnershipState): PartnershipEvent[] {
  const { definition, reason } = command.data;
  const term = normaliseTerm(command.data.term);
  const known = requireTerm(state, term, 'term');
  if (known.definitions[known.latestVersion] === definition) {
    throw DomainError.rule(
      'vocabulary-term.definition-unchanged',
      `The revision of term "${term}" repeats the definition of version ${known.latestVersion}; a revision must change it.`,
      'definition',
    );
  }
  return [{ type: 'VocabularyTermRevised', data: { term, version: known.latestVersion + 1, definition, reason } }];
}
