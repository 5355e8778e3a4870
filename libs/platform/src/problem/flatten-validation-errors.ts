/**
 * Turns class-validator's error tree into a flat list of field violations, each with
 * the full path of the offending value (`data.partners[1].teamId`), so a client can
 * point at the exact spot in its payload.
 *
 * class-validator reports a rule declared with `each: true` (e.g. every item of a list
 * of strings must be 1..500 characters) once, on the whole list. To name the items, the
 * reported rule is asked again, item by item, through class-validator's own metadata.
 * (With `stopAtFirstError`, a list reports the first rule any item breaks; items that
 * break only a later rule show up once that one is fixed.)
 */
import { getMetadataStorage, ValidationTypes, type ValidationError } from 'class-validator';
import type { FieldViolation } from './problem-details';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldViolation[] {
  return errors.flatMap((error) => flattenError(error, joinFieldPath(prefix, error.property, false)));
}

function flattenError(error: ValidationError, path: string): FieldViolation[] {
  const own = Object.entries(error.constraints ?? {}).flatMap(([rule, message]) =>
    failingItems(error, rule).map((index) => ({
      field: index === undefined ? path : `${path}[${index}]`,
      rule,
      message,
    })),
  );
  const nested = (error.children ?? []).flatMap((child) =>
    flattenError(child, joinFieldPath(path, child.property, Array.isArray(error.value))),
  );
  return [...own, ...nested];
}

/** `data` + `partners` -> `data.partners`; a list + `1` -> `[1]`; an odd key is quoted. */
export function joinFieldPath(parent: string, property: string, parentIsArray: boolean): string {
  if (parentIsArray && ARRAY_INDEX.test(property)) return `${parent}[${property}]`;
  if (IDENTIFIER.test(property)) return parent === '' ? property : `${parent}.${property}`;
  return `${parent}[${JSON.stringify(property)}]`;
}

/**
 * Indexes of the list items that break an `each` rule; `[undefined]` when the rule is
 * not an `each` rule (or the items cannot be told apart), meaning "the field itself".
 */
function failingItems(error: ValidationError, rule: string): (number | undefined)[] {
  const { target, value, property } = error;
  if (!target || !Array.isArray(value)) return [undefined];
  const storage = getMetadataStorage();
  const eachRules = storage
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .filter((metadata) => metadata.propertyName === property && metadata.each && metadata.type === ValidationTypes.CUSTOM_VALIDATION);
  for (const metadata of eachRules) {
    const constraint = storage.getTargetValidatorConstraints(metadata.constraintCls).find(({ name }) => name === rule);
    if (!constraint) continue;
    const arguments_ = { targetName: target.constructor.name, property, object: target, constraints: metadata.constraints };
    const failing = value.flatMap((item, index) =>
      constraint.instance.validate(item, { ...arguments_, value: item }) === false ? [index] : [],
    );
    if (failing.length > 0) return failing;
  }
  return [undefined];
}
