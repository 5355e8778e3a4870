/**
 * Checks the raw JSON before class-transformer sees it, for two things it would
 * otherwise handle badly: keys it silently drops, and nesting so deep that copying it
 * would exhaust the stack (no command is nested more than a few levels).
 *
 * class-transformer skips every key that names a built-in property of all objects
 * (`__proto__`, `toString`, `valueOf`, ...), so whitelisting never sees them, and an
 * own `constructor` key even makes it throw. They are refused here, as unknown fields,
 * before anything else looks at the input.
 */
import { joinFieldPath, type FieldViolation } from '@ledger/platform';

export const MAX_NESTING_DEPTH = 16;

function isBuiltInObjectKey(key: string): boolean {
  return Reflect.has(Object.prototype, key);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Violations for built-in keys and excessive depth, level by level; the input is only
 * handed to class-transformer when there are none. A queue rather than recursion, as
 * the input may be hostile.
 */
export function findUnsafeStructure(root: unknown): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const queue: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  for (let next = 0; next < queue.length; next++) {
    const { value, path, depth } = queue[next];
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_NESTING_DEPTH) {
      violations.push({
        field: path || '(body)',
        rule: 'maxDepth',
        message: `${path || 'the submission'} is nested deeper than ${MAX_NESTING_DEPTH} levels.`,
      });
      continue;
    }
    const isArray = Array.isArray(value);
    for (const [key, child] of Object.entries(value)) {
      const childPath = joinFieldPath(path, key, isArray);
      if (!isArray && isBuiltInObjectKey(key)) {
        violations.push({ field: childPath, rule: 'whitelistValidation', message: `property ${key} should not exist` });
        continue;
      }
      queue.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return violations;
}
