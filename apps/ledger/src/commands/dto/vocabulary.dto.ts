/** The shared vocabulary: agreed, versioned definitions of the terms teams argue about. */
import type { CommandData } from '@ledger/domain';
import { TermProperty, TextProperty } from './properties';

const TERM = { description: 'The term, e.g. mql or sales-accepted-lead.', example: 'mql' };

export class DefineVocabularyTermDto implements CommandData<'DefineVocabularyTerm'> {
  @TermProperty(TERM)
  term!: string;

  @TextProperty({ description: 'The agreed definition.', example: 'A lead with a score of at least 60 that matches the ideal customer profile.' })
  definition!: string;
}

export class ReviseVocabularyTermDto implements CommandData<'ReviseVocabularyTerm'> {
  @TermProperty(TERM)
  term!: string;

  @TextProperty({
    description: 'The new definition; it becomes the next version.',
    example: 'A lead with a score of at least 70 that matches the ideal customer profile.',
  })
  definition!: string;

  @TextProperty({ description: 'Why the definition changes.', example: 'Too many MQLs were rejected by Sales.' })
  reason!: string;
}
