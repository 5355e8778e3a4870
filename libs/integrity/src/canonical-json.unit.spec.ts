import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

// Text full of what JSON must escape or sorts unusually: quotes, backslashes, controls, surrogates, astral characters.
const trickyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('a', 'B', '"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\u2028', 'é', '\ud800', '\udc00', '😀', '\uffff'), maxLength: 6 }),
);
const trickyNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e21, 1e-7, 5e-324, 123456789012345680000, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, -1.5e300),
);
const { value: trickyJson } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    trickyString,
    trickyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(trickyString, tie('value'), { maxKeys: 5 }),
  ),
}));

describe('canonical JSON', () => {
  it('writes exactly what the canonicalize library writes for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => expect(canonicalJson(value)).toBe(canonicalize(value))), { numRuns: 500 });
  });

  it('writes exactly what the library writes for unicode keys and strings, extreme numbers and nested arrays', () => {
    fc.assert(fc.property(trickyJson, (value) => expect(canonicalJson(value)).toBe(canonicalize(value))), { numRuns: 1000 });
  });

  it('gives a value read back from JSON text the same form as the value written', () => {
    fc.assert(
      fc.property(trickyJson, (value) => expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalize(value))),
      { numRuns: 300 },
    );
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 does, not by code points', () => {
    expect(canonicalJson({ '\uffff': 1, '😀': 2, b: 3, a: 4 })).toBe('{"a":4,"b":3,"😀":2,"\uffff":1}');
  });

  it('keeps a "__proto__" key that JSON text carried as an ordinary member', () => {
    const parsed: unknown = JSON.parse('{"__proto__": {"x": 1}, "a": [1, 2.50, -0]}');
    expect(canonicalJson(parsed)).toBe(canonicalize(parsed));
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":1},"a":[1,2.5,0]}');
  });

  it('leaves what is not plain JSON to the library: toJSON, undefined members, objects without a prototype', () => {
    const unusual: unknown[] = [
      { at: new Date('2025-01-01T00:00:00Z') },
      { kept: 1, dropped: undefined },
      [1, undefined, 3],
      Object.assign(Object.create(null) as object, { b: 1, a: 2 }),
      undefined,
    ];
    for (const value of unusual) expect(canonicalJson(value)).toBe(canonicalize(value));
  });

  it('refuses NaN and Infinity as the library does', () => {
    expect(() => canonicalJson({ value: Number.NaN })).toThrow('NaN is not allowed');
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow('Infinity is not allowed');
  });
});
