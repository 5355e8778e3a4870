/**
 * Reading and writing the id-keyed records of the state.
 *
 * Reads: ids come from outside, and a plain `record[id]` or `id in record` would find
 * `constructor` or `toString` on every object, so only a record's own entries count.
 *
 * Writes go through a `RecordWriter`. Evolving one event copies each record it changes,
 * which keeps every earlier state intact but costs time in proportion to the record's
 * size; replaying a long history that way would take quadratic time (thousands of SLA
 * observations make that minutes). A replay therefore uses a transient writer: it copies
 * a record the first time it touches it and changes that private copy in place after,
 * so a replay costs linear time and still never alters the state it started from.
 */
export function ownEntry<T>(record: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

export function hasEntry(record: Readonly<Record<string, unknown>>, id: string): boolean {
  return Object.hasOwn(record, id);
}

export interface RecordWriter {
  /** The record with `id` set to `value`. */
  put<T>(record: Readonly<Record<string, T>>, id: string, value: T): Record<string, T>;
  /** The record without `id`. */
  remove<T>(record: Readonly<Record<string, T>>, id: string): Record<string, T>;
}

function withoutEntry<T>(record: Readonly<Record<string, T>>, id: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => key !== id));
}

/** Never changes a record: every write returns a new one. */
export const copyingWriter: RecordWriter = {
  // A computed key defines an own entry, even for an id like `__proto__`.
  put: (record, id, value) => ({ ...record, [id]: value }),
  remove: withoutEntry,
};

/** For one replay only: changes in place the records it created itself, copies any other. */
export function transientWriter(): RecordWriter {
  const created = new WeakSet<object>();
  const own = <R extends object>(record: R): R => {
    created.add(record);
    return record;
  };
  return {
    put(record, id, value) {
      if (!created.has(record)) return own(copyingWriter.put(record, id, value));
      // Plain assignment of `__proto__` would replace the prototype instead of adding an entry.
      Object.defineProperty(record, id, { value, enumerable: true, writable: true, configurable: true });
      return record;
    },
    remove(record, id) {
      if (!created.has(record)) return own(withoutEntry(record, id));
      delete (record as Record<string, unknown>)[id];
      return record;
    },
  };
}
