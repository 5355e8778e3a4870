import type { PartnershipEvent } from '@ledger/contracts';
import { DECISION_CONTEXT, DeciderSpecification, activePartnership, stateAfter, vocabularyTermDefined } from '../testing';
import { partnershipDecider } from './decider';

const given = DeciderSpecification.for(partnershipDecider, DECISION_CONTEXT);

const mqlDefined = vocabularyTermDefined('mql', 'Lead scored 50+ by marketing automation');
const revise = (term: string, definition: string) =>
  ({ type: 'ReviseVocabularyTerm', data: { term, definition, reason: 'Raise the bar' } }) as const;
const revised = (version: number, definition: string): PartnershipEvent => ({
  type: 'VocabularyTermRevised',
  data: { term: 'mql', version, definition, reason: 'Raise the bar' },
});

describe('defining a vocabulary term', () => {
  it('records version 1 of the term, as a lower-case slug', () => {
    given(activePartnership)
      .when({ type: 'DefineVocabularyTerm', data: { term: 'MQL', definition: 'Lead scored 50+ by marketing automation' } })
      .then([mqlDefined]);
  });

  it.each(['-mql', 'marketing qualified', 'm_q_l', 'mql!'])('refuses "%s", which is not a slug', (term) => {
    const error = given(activePartnership)
      .when({ type: 'DefineVocabularyTerm', data: { term, definition: 'Anything' } })
      .thenThrows('vocabulary-term.invalid');
    expect(error.field).toBe('term');
  });

  it('is a conflict when the term is already defined, whatever its case', () => {
    const error = given([...activePartnership, mqlDefined])
      .when({ type: 'DefineVocabularyTerm', data: { term: 'Mql', definition: 'Another meaning' } })
      .thenThrows('vocabulary-term.already-exists');
    expect(error.kind).toBe('conflict');
  });
});

describe('revising a vocabulary term', () => {
  it('records the next version with its reason', () => {
    given([...activePartnership, mqlDefined]).when(revise('mql', 'Lead scored 60+')).then([revised(2, 'Lead scored 60+')]);
  });

  it('numbers each further revision one higher and keeps every definition', () => {
    const history = [...activePartnership, mqlDefined, revised(2, 'Lead scored 60+')];
    given(history).when(revise('MQL', 'Lead scored 70+')).then([revised(3, 'Lead scored 70+')]);
    expect(stateAfter([...history, revised(3, 'Lead scored 70+')]).vocabulary.get('mql')).toEqual({
      latestVersion: 3,
      definitions: { 1: 'Lead scored 50+ by marketing automation', 2: 'Lead scored 60+', 3: 'Lead scored 70+' },
    });
  });

  it('refuses a revision that repeats the current definition', () => {
    const error = given([...activePartnership, mqlDefined])
      .when(revise('mql', 'Lead scored 50+ by marketing automation'))
      .thenThrows('vocabulary-term.definition-unchanged');
    expect(error.field).toBe('definition');
  });

  it('refuses an unknown term', () => {
    expect(given(activePartnership).when(revise('sql', 'Accepted by Sales')).thenThrows('vocabulary-term.unknown').field).toBe('term');
  });
});
