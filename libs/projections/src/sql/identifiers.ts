/**
 * Names that go into SQL text. Schema, table and column names are never bound as
 * parameters, so each one is checked against a strict pattern before it is quoted:
 * a rebuild may pass a generated schema name, and nothing else should ever get in.
 */
const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function quoteIdentifier(name: string): string {
  if (!PLAIN_IDENTIFIER.test(name)) {
    throw new Error(`"${name}" is not a plain SQL identifier (lower-case letters, digits and underscores, at most 63).`);
  }
  return `"${name}"`;
}

/** `"schema"."name"`, for tables, views and functions of a projection's schema. */
export function qualifiedName(schema: string, name: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
}
