/**
 * The building blocks of the audit's query DTOs: query parameters arrive as strings,
 * so numbers are converted before they are checked, and instants must name their time
 * zone (an instant without one means different moments to different readers).
 */
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

export const MAX_PAGE = 1_000;

export function OptionalWholeNumber(description: string, min = 0, max?: number): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: Number, description, minimum: min, ...(max !== undefined && { maximum: max }) }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: '$property must be a whole number.' }),
    Min(min, { message: `$property must be at least ${min}.` }),
    ...(max === undefined ? [] : [Max(max, { message: `$property must be at most ${max}.` })]),
  );
}

export function OptionalInstant(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: String, format: 'date-time', description, example: '2025-03-01T00:00:00Z' }),
    IsOptional(),
    IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 instant, e.g. 2025-03-01T00:00:00Z.' }),
    Matches(/(Z|[+-]\d\d:?\d\d)$/i, { message: '$property must name its time zone (Z or an offset such as +01:00).' }),
  );
}

export function PageLimit(): PropertyDecorator {
  return OptionalWholeNumber(`Page size, 1 to ${MAX_PAGE} (default 100).`, 1, MAX_PAGE);
}
