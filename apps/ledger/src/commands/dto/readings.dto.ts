/**
 * Rule 3 of engagement, the readings: values that source systems report for a metric
 * and period. A wrong reading is corrected by a new command, never edited.
 */
import type { CommandData } from '@ledger/domain';
import { IdProperty, NumberProperty, PeriodProperty, TextProperty } from './properties';

export class RecordReadingDto implements CommandData<'RecordReading'> {
  @IdProperty({ description: 'Id of the reading, unique in the partnership.', example: 'mql-volume-2026-03-crm' })
  readingId!: string;

  @IdProperty({ description: 'The metric read.', example: 'mql-volume' })
  metricId!: string;

  @PeriodProperty({ description: "The period, in the notation of the metric's cadence.", example: '2026-03' })
  period!: string;

  @NumberProperty({ description: "The value, in the metric's unit.", example: 1184 })
  value!: number;
}

export class CorrectReadingDto implements CommandData<'CorrectReading'> {
  @IdProperty({ description: 'The reading corrected.', example: 'mql-volume-2026-03-crm' })
  readingId!: string;

  @NumberProperty({ description: 'The right value.', example: 1192 })
  correctedValue!: number;

  @TextProperty({ description: 'Why the value was wrong.', example: 'Duplicate leads were counted twice.' })
  reason!: string;
}
