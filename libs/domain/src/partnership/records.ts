/**
 * Reading and writing the small plain records inside a state's entries (a metric's
 * targets per period, an area's roles per team, an agreement's signatures, a term's
 * definitions). They stay plain data because they are bounded by the agreement, so a
 * copy per change is cheap; the collections that grow with the history are persistent
 * maps instead (see `state.ts`).
 *
 * Reads: keys come from outside, and a plain `record[id]` or `id in record` would find
 * `constructor` or `toString` on every object, so only a record's own entries count.
 * Writes never change a record: each returns a new one.
 */
export function ownEntry<T>(record: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/** The record with `key` set to `value`. */
export function withEntry<K extends string | number, T>(record: Readonly<Record<K, T>>, key: K, value: T): Record<K, T> {
  // A computed key defines an own entry, even for an id like `__proto__`.
  return { ...record, [key]: value } as Record<K, T>;
}

/** The record without `key`. */
export function withoutEntry<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([id]) => id !== key));
}
