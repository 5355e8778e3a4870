import fc from 'fast-check';
import { SeenPositions } from './seen-positions';

describe('seen positions', () => {
  it('answer, for any sequence of positions, whether each was met before, as a Set would', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(5_000), fc.maxSafeNat()), { maxLength: 300 }), (positions) => {
        const seen = new SeenPositions();
        const reference = new Set<number>();
        for (const position of positions) {
          expect(seen.add(position)).toBe(!reference.has(position));
          reference.add(position);
        }
      }),
    );
  });

  it('tell apart positions at the edges of a block and beyond 2^32', () => {
    const seen = new SeenPositions();
    for (const position of [0, 31, 32, 1023, 1024, 2 ** 32, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER]) expect(seen.add(position)).toBe(true);
    for (const position of [1023, 1024, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER]) expect(seen.add(position)).toBe(false);
  });
});
