/**
 * Describes a list route in the OpenAPI document: the filter, sort, cursor, limit and
 * format parameters every list takes, its JSON and CSV answers, and its problems.
 */
import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotAcceptableResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import { DEFAULT_PAGE_SIZE, FILTER_OPERATORS, MAX_PAGE_SIZE } from '@ledger/bi';
import { PageSchema, ProblemSchema } from './schemas';

const OPERATORS = Object.entries(FILTER_OPERATORS)
  .map(([name, operator]) => `${name} (${operator.description})`)
  .join('; ');

export function ApiListOperation(): MethodDecorator {
  return applyDecorators(
    ApiQuery({
      name: 'filter',
      required: false,
      style: 'deepObject',
      explode: true,
      schema: { type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'object', additionalProperties: { type: 'string' } }] } },
      description:
        `filter[column]=value (equals) or filter[column][operator]=value, any number of them (AND). Operators: ${OPERATORS}. ` +
        'Instants are ISO 8601 with an offset (or a date, meaning midnight UTC); an unknown column or an operator that does ' +
        'not fit the column type is a 400 naming the parameter.',
      example: { partnership_key: 'mkt-sales', observed_at: { gte: '2025-03-01T00:00:00Z' } },
    }),
    ApiQuery({ name: 'sort', required: false, description: 'Columns to sort by, - for descending: sort=-observed_at,sla_id. The key always ends the sort.' }),
    ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page, unchanged (keep filters and sort the same).' }),
    ApiQuery({
      name: 'limit',
      required: false,
      schema: { type: 'integer', minimum: 1 },
      description: `Rows per JSON page: ${DEFAULT_PAGE_SIZE} unless given, at most ${MAX_PAGE_SIZE}. CSV exports every row unless given.`,
    }),
    ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'], description: 'Overrides the Accept header.' }),
    ApiProduces('application/json', 'text/csv'),
    ApiOkResponse({
      type: PageSchema,
      description:
        'JSON: a page of rows and the cursor of the next one. CSV (RFC 4180, UTF-8, header row, CRLF): every row, streamed; ' +
        'NULL is an empty field and the empty text "".',
    }),
    ApiBadRequestResponse({ type: ProblemSchema, description: 'A parameter is malformed: unknown column, operator, value, sort, cursor or limit.' }),
    ApiNotFoundResponse({ type: ProblemSchema, description: 'No such view or aggregate.' }),
    ApiNotAcceptableResponse({ type: ProblemSchema, description: 'Accept names neither application/json nor text/csv.' }),
    ApiServiceUnavailableResponse({ type: ProblemSchema, description: 'The query ran past the statement timeout.' }),
  );
}
