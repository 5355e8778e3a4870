/**
 * What an admin sends to manage service accounts, checked at the edge like every other
 * input: the account id (also its Kafka principal), its roles, and for publishers the
 * partnerships and teams they may write for.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCOUNT_ID_PATTERN, ROLES, type Role } from '@ledger/auth';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ID_PATTERN, TEAM_ID_PATTERN } from '../commands/dto/patterns';
import { DateTimeWithOffsetProperty, NameProperty } from '../commands/dto/properties';

const MAX_SCOPE_ITEMS = 1000;

/** Left out (or null): no restriction. An empty list is refused: it would admit nothing. */
function ScopeProperty(description: string, pattern: RegExp, shape: string, example: string[]): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    IsArray({ message: '$property must be a list.' }),
    ArrayMinSize(1, { message: '$property must name at least one item; leave it out for no restriction.' }),
    ArrayMaxSize(MAX_SCOPE_ITEMS, { message: `$property must hold at most ${MAX_SCOPE_ITEMS} items.` }),
    ArrayUnique({ message: '$property must not repeat an item.' }),
    IsString({ each: true, message: 'each item of $property must be a string.' }),
    Matches(pattern, { each: true, message: `each item of $property must be ${shape}.` }),
    ApiPropertyOptional({ description, type: [String], nullable: true, example }),
  );
}

export class CreateServiceAccountDto {
  @ApiProperty({
    description: 'The account id: a lower-case slug, also its Kafka principal and the suffix of its ingest topic.',
    example: 'crm-publisher',
    pattern: ACCOUNT_ID_PATTERN.source,
  })
  @IsString({ message: '$property must be a string.' })
  @Matches(ACCOUNT_ID_PATTERN, { message: '$property must be a lower-case slug of 2 to 63 letters, digits or hyphens, such as crm-publisher.' })
  accountId!: string;

  @NameProperty({ description: 'Who or what uses the account (defaults to the account id).', example: 'CRM lead hand-offs', optional: true })
  displayName?: string;

  @ApiProperty({ description: 'What the account may do (see the access policy).', enum: ROLES, isArray: true, example: ['publisher'] })
  @IsArray({ message: '$property must be a list.' })
  @ArrayMinSize(1, { message: '$property must name at least one role.' })
  @ArrayUnique({ message: '$property must not repeat a role.' })
  @IsIn([...ROLES], { each: true, message: `each item of $property must be one of: ${ROLES.join(', ')}.` })
  roles!: Role[];

  @ScopeProperty("Partnerships a publisher may write for; left out: any.", ID_PATTERN, 'a partnership id', ['mkt-sales'])
  partnershipScope?: string[] | null;

  @ScopeProperty("Teams a publisher speaks for (a partnership it writes to must have one as a partner); left out: any.", TEAM_ID_PATTERN, 'a team id such as sales', ['sales'])
  teamScope?: string[] | null;

  @DateTimeWithOffsetProperty({ description: 'When the first key expires; left out: never (revoke it instead).', example: '2027-01-01T00:00:00Z', optional: true })
  keyExpiresAt?: string;
}

export class IssueApiKeyDto {
  @DateTimeWithOffsetProperty({ description: 'When the new key expires; left out: never (revoke it instead).', example: '2027-01-01T00:00:00Z', optional: true })
  expiresAt?: string;
}
