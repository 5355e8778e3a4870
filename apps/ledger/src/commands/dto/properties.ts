/**
 * One decorator per kind of field, bundling its validation rules, its error messages
 * and its OpenAPI schema, so the document always shows the rules the code enforces and
 * every DTO reads as a list of fields with a description each.
 *
 * Every message starts with the field's name: a `FieldViolation` carries it as a
 * sentence next to the full path.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsPositive,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CALENDAR_DATE_PATTERN,
  DATE_TIME_WITH_OFFSET_PATTERN,
  ID_PATTERN,
  LIMITS,
  PERIOD_PATTERN,
  SOURCE_SYSTEM_PATTERN,
  TEAM_ID_PATTERN,
  TERM_PATTERN,
  TOKEN_PATTERN,
} from './patterns';
import { IsPlainTextConstraint } from './plain-text.constraint';

export interface FieldDoc {
  description: string;
  example?: unknown;
  optional?: boolean;
}

type DtoClass = new () => object;

const PLAIN_TEXT_RULE = 'must be plain text: no control characters other than tab and line breaks, no unpaired surrogates, not only blanks.';

/**
 * Required fields must be present and not null; optional ones may be left out, but a
 * `null` is still refused, since the domain would otherwise receive it as a value.
 */
function field(doc: FieldDoc, schema: ApiPropertyOptions, ...rules: PropertyDecorator[]): PropertyDecorator {
  const documented = { description: doc.description, example: doc.example, ...schema } as ApiPropertyOptions;
  return doc.optional
    ? applyDecorators(ValidateIf((_, value: unknown) => value !== undefined), ...rules, ApiPropertyOptional(documented))
    : applyDecorators(IsDefined({ message: '$property is required.' }), ...rules, ApiProperty(documented));
}

function stringMatching(pattern: RegExp, shape: string): PropertyDecorator[] {
  return [IsString({ message: '$property must be a string.' }), Matches(pattern, { message: `$property must be ${shape}.` })];
}

export function IdProperty(doc: FieldDoc): PropertyDecorator {
  const shape = "an id of 1 to 128 letters, digits, '.', '_', ':' or '-' starting with a letter or digit (a slug or a UUID)";
  return field(doc, { type: String, pattern: ID_PATTERN.source, maxLength: 128 }, ...stringMatching(ID_PATTERN, shape));
}

export function TeamIdProperty(doc: FieldDoc): PropertyDecorator {
  const shape = 'a team id: a lower-case slug of 2 to 64 letters, digits or hyphens, such as marketing';
  return field(doc, { type: String, pattern: TEAM_ID_PATTERN.source, maxLength: 64 }, ...stringMatching(TEAM_ID_PATTERN, shape));
}

export function TermProperty(doc: FieldDoc): PropertyDecorator {
  const shape = 'a vocabulary term: 1 to 64 letters, digits or hyphens, such as mql';
  return field(doc, { type: String, pattern: TERM_PATTERN.source, maxLength: 64 }, ...stringMatching(TERM_PATTERN, shape));
}

export function SourceSystemProperty(doc: FieldDoc): PropertyDecorator {
  const shape = "a lower-case slug of 1 to 64 letters, digits, '.', '_' or '-', such as crm";
  return field(doc, { type: String, pattern: SOURCE_SYSTEM_PATTERN.source, maxLength: 64 }, ...stringMatching(SOURCE_SYSTEM_PATTERN, shape));
}

export function TokenProperty(doc: FieldDoc): PropertyDecorator {
  const shape = '1 to 200 printable ASCII characters without spaces';
  return field(doc, { type: String, pattern: TOKEN_PATTERN.source, maxLength: 200 }, ...stringMatching(TOKEN_PATTERN, shape));
}

export function PeriodProperty(doc: FieldDoc): PropertyDecorator {
  const shape = 'a period: YYYY, YYYY-Qn, YYYY-MM, YYYY-Www or YYYY-MM-DD';
  return field(doc, { type: String, pattern: PERIOD_PATTERN.source }, ...stringMatching(PERIOD_PATTERN, shape));
}

export function CalendarDateProperty(doc: FieldDoc): PropertyDecorator {
  return field(
    doc,
    { type: String, format: 'date' },
    ...stringMatching(CALENDAR_DATE_PATTERN, 'a calendar date written YYYY-MM-DD'),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date.' }),
  );
}

export function DateTimeWithOffsetProperty(doc: FieldDoc): PropertyDecorator {
  return field(
    doc,
    { type: String, format: 'date-time' },
    ...stringMatching(DATE_TIME_WITH_OFFSET_PATTERN, 'an ISO 8601 date-time with Z or an offset, such as 2026-03-01T09:30:00Z'),
    IsISO8601({ strict: true }, { message: '$property must be a real date and time.' }),
  );
}

/** Free text written by people: names and titles (200), descriptions and reasons (4000). */
export function TextProperty(doc: FieldDoc, maxLength: number = LIMITS.text): PropertyDecorator {
  return field(
    doc,
    { type: String, minLength: 1, maxLength },
    IsString({ message: '$property must be a string.' }),
    Length(1, maxLength, { message: `$property must be 1 to ${maxLength} characters long.` }),
    Validate(IsPlainTextConstraint, { message: `$property ${PLAIN_TEXT_RULE}` }),
  );
}

export function NameProperty(doc: FieldDoc): PropertyDecorator {
  return TextProperty(doc, LIMITS.name);
}

export function TextListProperty(doc: FieldDoc, maxItems: number = LIMITS.scopeList.max): PropertyDecorator {
  const itemLength = LIMITS.listItem;
  return field(
    doc,
    { type: String, isArray: true, maxItems, items: { type: 'string', minLength: 1, maxLength: itemLength } },
    IsArray({ message: '$property must be a list.' }),
    ArrayMaxSize(maxItems, { message: `$property must hold at most ${maxItems} items.` }),
    IsString({ each: true, message: 'each item of $property must be a string.' }),
    Length(1, itemLength, { each: true, message: `each item of $property must be 1 to ${itemLength} characters long.` }),
    Validate(IsPlainTextConstraint, { each: true, message: `each item of $property ${PLAIN_TEXT_RULE}` }),
  );
}

export function UriProperty(doc: FieldDoc): PropertyDecorator {
  return field(
    doc,
    { type: String, format: 'uri', maxLength: LIMITS.uri },
    IsString({ message: '$property must be a string.' }),
    MaxLength(LIMITS.uri, { message: `$property must be at most ${LIMITS.uri} characters long.` }),
    IsUrl(
      { require_protocol: true, protocols: ['http', 'https'], require_tld: false },
      { message: '$property must be an http or https URL.' },
    ),
  );
}

export function OneOfProperty(doc: FieldDoc, values: readonly string[]): PropertyDecorator {
  return field(doc, { type: String, enum: [...values] }, IsIn([...values], { message: `$property must be one of: ${values.join(', ')}.` }));
}

const FINITE_NUMBER = IsNumber({ allowNaN: false, allowInfinity: false }, { message: '$property must be a finite number.' });

export function NumberProperty(doc: FieldDoc): PropertyDecorator {
  return field(doc, { type: Number }, FINITE_NUMBER);
}

export function PositiveNumberProperty(doc: FieldDoc, maximum?: number): PropertyDecorator {
  const upTo = maximum === undefined ? [] : [Max(maximum, { message: `$property must be at most ${maximum}.` })];
  return field(
    doc,
    { type: Number, minimum: 0, exclusiveMinimum: true, maximum },
    FINITE_NUMBER,
    IsPositive({ message: '$property must be greater than 0.' }),
    ...upTo,
  );
}

export function IntegerProperty(doc: FieldDoc, minimum: number): PropertyDecorator {
  return field(
    doc,
    { type: 'integer', minimum, maximum: Number.MAX_SAFE_INTEGER },
    IsInt({ message: '$property must be an integer.' }),
    Min(minimum, { message: `$property must be at least ${minimum}.` }),
    Max(Number.MAX_SAFE_INTEGER, { message: `$property must be at most ${Number.MAX_SAFE_INTEGER}.` }),
  );
}

/** `type: () => Dto` must be a function named `type` for @nestjs/swagger to treat it as a lazy reference. */
export function NestedProperty(doc: FieldDoc, type: () => DtoClass): PropertyDecorator {
  return field(
    doc,
    { type: () => type() },
    IsObject({ message: '$property must be an object.' }),
    ValidateNested({ message: '$property must be an object.' }),
    Type(type),
  );
}

export function NestedListProperty(doc: FieldDoc, type: () => DtoClass, size: { min: number; max: number }): PropertyDecorator {
  return field(
    doc,
    { type: () => type(), isArray: true, minItems: size.min, maxItems: size.max },
    IsArray({ message: '$property must be a list.' }),
    ArrayMinSize(size.min, { message: `$property must hold at least ${size.min} item${size.min === 1 ? '' : 's'}.` }),
    ArrayMaxSize(size.max, { message: `$property must hold at most ${size.max} items.` }),
    ValidateNested({ each: true, message: 'each item of $property must be an object.' }),
    Type(type),
  );
}
