import fc from 'fast-check';
import { recordBytes, sizeBoundedChunks, type SizedMessage } from './size-bounded-chunks';

const aMessage: fc.Arbitrary<SizedMessage> = fc.record({
  key: fc.constantFrom('partnership-a', 'partnership-b'),
  value: fc.string({ maxLength: 400, unit: 'grapheme' }),
  headers: fc.dictionary(fc.constantFrom('event-type', 'stream-version'), fc.string({ maxLength: 20 })),
});

describe('cutting messages into size-bounded chunks', () => {
  it('keeps every message, in order, in chunks within the limit (a message above it alone)', () => {
    fc.assert(
      fc.property(fc.array(aMessage, { maxLength: 60 }), fc.integer({ min: 100, max: 3000 }), (messages, maxBytes) => {
        const chunks = sizeBoundedChunks(messages, maxBytes);
        expect(chunks.flat()).toEqual(messages);
        for (const chunk of chunks) {
          expect(chunk.length).toBeGreaterThan(0);
          const bytes = chunk.reduce((sum, message) => sum + recordBytes(message), 0);
          if (chunk.length > 1) expect(bytes).toBeLessThanOrEqual(maxBytes);
        }
      }),
    );
  });

  it('fills each chunk before starting the next', () => {
    const message = { key: 'k', value: 'x'.repeat(100), headers: {} };
    const size = recordBytes(message);
    expect(sizeBoundedChunks([message, message, message, message, message], size * 2).map((chunk) => chunk.length)).toEqual([2, 2, 1]);
  });

  it('counts multi-byte characters as the bytes they take', () => {
    expect(recordBytes({ key: 'k', value: 'é', headers: {} })).toBe(recordBytes({ key: 'k', value: 'ab', headers: {} }));
  });

  it('answers no chunk for no message', () => {
    expect(sizeBoundedChunks([], 1000)).toEqual([]);
  });
});
