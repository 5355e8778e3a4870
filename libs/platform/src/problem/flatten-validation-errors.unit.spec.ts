import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Length, Matches, ValidateNested, validateSync } from 'class-validator';
import { flattenValidationErrors, joinFieldPath } from './flatten-validation-errors';

class Partner {
  @Matches(/^[a-z]+$/) teamId!: string;
}

class Scope {
  @IsString({ each: true }) @Length(1, 5, { each: true }) priorities!: string[];
}

class Proposal {
  @IsInt() version!: number;
  @IsIn(['a', 'b']) kind!: string;
  @ValidateNested({ each: true }) @Type(() => Partner) partners!: Partner[];
  @ValidateNested() @Type(() => Scope) scope!: Scope;
}

const valid = { version: 1, kind: 'a', partners: [{ teamId: 'sales' }], scope: { priorities: ['one'] } };

function violationsFor(raw: object, options: Parameters<typeof validateSync>[1] = {}, prefix?: string) {
  const errors = validateSync(plainToInstance(Proposal, raw), { whitelist: true, forbidNonWhitelisted: true, ...options });
  return flattenValidationErrors(errors, prefix).map(({ field, rule }) => ({ field, rule }));
}

describe('flattenValidationErrors', () => {
  it('gives nothing for a valid object', () => {
    expect(violationsFor(valid)).toEqual([]);
  });

  it('names a top-level field, with the prefix when one is given', () => {
    expect(violationsFor({ ...valid, version: 'one' })).toEqual([{ field: 'version', rule: 'isInt' }]);
    expect(violationsFor({ ...valid, version: 'one' }, {}, 'data')).toEqual([{ field: 'data.version', rule: 'isInt' }]);
  });

  it('names a field inside a list item by its index', () => {
    const partners = [{ teamId: 'sales' }, { teamId: 'Sales!' }];
    expect(violationsFor({ ...valid, partners })).toEqual([{ field: 'partners[1].teamId', rule: 'matches' }]);
  });

  it('names every list item that breaks an each rule', () => {
    const scope = { priorities: ['ok', '', 'ok', 'too long'] };
    expect(violationsFor({ ...valid, scope })).toEqual([
      { field: 'scope.priorities[1]', rule: 'isLength' },
      { field: 'scope.priorities[3]', rule: 'isLength' },
    ]);
  });

  it('falls back to the list itself when the errors carry no target to ask again', () => {
    const scope = { priorities: ['ok', ''] };
    expect(violationsFor({ ...valid, scope }, { validationError: { target: false } })).toEqual([
      { field: 'scope.priorities', rule: 'isLength' },
    ]);
  });

  it('names unknown fields, quoting names that are not identifiers', () => {
    expect(violationsFor({ ...valid, 'odd key': 1, extra: 2 })).toEqual([
      { field: '["odd key"]', rule: 'whitelistValidation' },
      { field: 'extra', rule: 'whitelistValidation' },
    ]);
  });

  it('keeps the message of each rule', () => {
    const errors = validateSync(plainToInstance(Proposal, { ...valid, kind: 'c' }));
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'kind', rule: 'isIn', message: 'kind must be one of the following values: a, b' },
    ]);
  });
});

describe('joinFieldPath', () => {
  it.each([
    ['', 'data', false, 'data'],
    ['data', 'partners', false, 'data.partners'],
    ['data.partners', '1', true, 'data.partners[1]'],
    ['data', '1', false, 'data["1"]'],
    ['data', 'a.b', false, 'data["a.b"]'],
    ['', 'odd "key"', false, '["odd \\"key\\""]'],
  ])('joins %p and %p (list: %p) into %p', (parent, property, parentIsArray, expected) => {
    expect(joinFieldPath(parent, property, parentIsArray)).toBe(expected);
  });
});
