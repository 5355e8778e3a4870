/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a value, exactly as the `canonicalize`
 * library writes it, but several times faster for what verifiers hash a million times:
 * the plain values `JSON.parse` returns (objects, arrays, strings, finite numbers,
 * booleans, null). Keys are sorted by UTF-16 code units (the default string sort, as
 * RFC 8785 and the library sort them), numbers and strings are written as
 * `JSON.stringify` writes them (RFC 8785's number form is ECMAScript's), and the usual
 * string that needs no escaping is quoted without calling `JSON.stringify`.
 *
 * Anything else (a `toJSON` method, `undefined` or symbols inside, a class instance,
 * NaN or Infinity) goes to `canonicalize` itself, so the answer, or the error, is always
 * the library's. The unit spec holds the two equal on arbitrary JSON values.
 */
import canonicalize from 'canonicalize';

/** Characters JSON.stringify would escape (and, to stay safe, every surrogate). */
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify(text), without its cost for the usual string that needs no escaping. */
export function quoteJsonString(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** The RFC 8785 text of `value`; undefined when it has none (as `canonicalize` answers). */
export function canonicalJson(value: unknown): string | undefined {
  const text = plainCanonical(value);
  return text ?? canonicalize(value);
}

/** The canonical text of a plain JSON value, or null when `canonicalize` must judge it. */
function plainCanonical(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return quoteJsonString(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : null;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return null;
      if (Array.isArray(value)) return plainArray(value);
      return Object.getPrototypeOf(value) === Object.prototype ? plainObject(value as Record<string, unknown>) : null;
    default:
      return null;
  }
}

function plainArray(items: readonly unknown[]): string | null {
  let text = '[';
  for (let index = 0; index < items.length; index += 1) {
    const item = plainCanonical(items[index]);
    if (item === null) return null;
    text += index === 0 ? item : `,${item}`;
  }
  return `${text}]`;
}

function plainObject(object: Record<string, unknown>): string | null {
  const keys = Object.keys(object).sort();
  let text = '{';
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index]!;
    const member = plainCanonical(object[key]);
    if (member === null) return null;
    text += `${index === 0 ? '' : ','}${quoteJsonString(key)}:${member}`;
  }
  return `${text}}`;
}
