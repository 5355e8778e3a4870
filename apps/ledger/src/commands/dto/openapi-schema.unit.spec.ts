import { Test } from '@nestjs/testing';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { CONTRIBUTION_KINDS } from '@ledger/contracts';
import { COMMAND_DATA_DTOS, COMMAND_TYPES } from './command-catalogue';
import { ID_PATTERN } from './patterns';
import { CommandBatchDto, CommandSubmissionDto } from './submission.dto';

type Schema = {
  properties: Record<string, Record<string, unknown> & { items?: Record<string, unknown> }>;
  required?: string[];
};

let document: OpenAPIObject;

function schemaOf(name: string): Schema {
  return document.components?.schemas?.[name] as Schema;
}

beforeAll(async () => {
  const app = (await Test.createTestingModule({}).compile()).createNestApplication({ logger: false });
  await app.init();
  document = SwaggerModule.createDocument(app, new DocumentBuilder().build(), {
    extraModels: [...Object.values(COMMAND_DATA_DTOS), CommandSubmissionDto, CommandBatchDto],
  });
  await app.close();
});

describe('the OpenAPI document built from the DTOs', () => {
  it('has a schema for the data of every command', () => {
    const names = Object.keys(document.components?.schemas ?? {});
    expect(names).toEqual(expect.arrayContaining(Object.values(COMMAND_DATA_DTOS).map((dto) => dto.name)));
  });

  it('resolves every reference to a nested DTO', () => {
    const references = [...JSON.stringify(document.components).matchAll(/"\$ref":"#\/components\/schemas\/([^"]*)"/g)].map(
      ([, name]) => name,
    );
    expect(references.length).toBeGreaterThan(0);
    for (const name of references) expect(schemaOf(name)).toBeDefined();
  });

  it('shows patterns, bounds and required fields exactly as validated', () => {
    const propose = schemaOf('ProposePartnershipDto');
    expect(propose.properties.partnershipId).toMatchObject({ type: 'string', pattern: ID_PATTERN.source });
    expect(propose.properties.partners).toMatchObject({
      type: 'array',
      minItems: 2,
      maxItems: 20,
      items: { $ref: '#/components/schemas/PartnerDto' },
    });
    expect(propose.required).toEqual(['partnershipId', 'name', 'partners', 'proposedBy']);
  });

  it('describes the items of text lists', () => {
    expect(schemaOf('PartnershipScopeDto').properties.priorities).toMatchObject({
      type: 'array',
      maxItems: 50,
      items: { type: 'string', minLength: 1, maxLength: 500 },
    });
  });

  it('lists the closed vocabularies and the command types as enums', () => {
    expect(schemaOf('CommitContributionDto').properties.kind.enum).toEqual([...CONTRIBUTION_KINDS]);
    expect(schemaOf('CommandSubmissionDto').properties.type.enum).toEqual(COMMAND_TYPES);
  });
});
