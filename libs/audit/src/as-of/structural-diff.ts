/**
 * What changed between two plain JSON values (two states of a partnership): every path
 * added, removed or changed, in a stable order (object keys sorted, array items by
 * index). Written here because no diff library is installed (microdiff or deep-diff
 * would do the same); it only needs to cope with JSON: objects, arrays and primitives.
 */
export type PathSegment = string | number;

export type StateChange =
  | { kind: 'added'; path: PathSegment[]; after: unknown }
  | { kind: 'removed'; path: PathSegment[]; before: unknown }
  | { kind: 'changed'; path: PathSegment[]; before: unknown; after: unknown };

export function structuralDiff(before: unknown, after: unknown): StateChange[] {
  const changes: StateChange[] = [];
  collect(before, after, [], changes);
  return changes;
}

function collect(before: unknown, after: unknown, path: PathSegment[], changes: StateChange[]): void {
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let index = 0; index < Math.max(before.length, after.length); index += 1) {
      member(index in before, before[index], index in after, after[index], [...path, index], changes);
    }
  } else if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) member(Object.hasOwn(before, key), before[key], Object.hasOwn(after, key), after[key], [...path, key], changes);
  } else if (before !== after) {
    // Primitives by value; an object against an array or a primitive is a change of the whole.
    changes.push({ kind: 'changed', path, before, after });
  }
}

function member(inBefore: boolean, before: unknown, inAfter: boolean, after: unknown, path: PathSegment[], changes: StateChange[]): void {
  if (!inBefore) changes.push({ kind: 'added', path, after });
  else if (!inAfter) changes.push({ kind: 'removed', path, before });
  else collect(before, after, path, changes);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

