import fc from 'fast-check';
import { parseCsv } from '../testing/csv-parser';
import { csvField, csvRecord } from './csv';

describe('CSV fields and records (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['Ümlaut, 数据 and emoji 🎯', '"Ümlaut, 数据 and emoji 🎯"'],
    ['  spaces kept  ', '  spaces kept  '],
  ])('writes %j as %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('tells NULL (an empty field) from the empty text ("") as PostgreSQL COPY does', () => {
    expect(csvRecord([null, '', 'x'])).toBe(',"",x\r\n');
  });

  it('ends every record with CRLF', () => {
    expect(csvRecord(['a', 'b'])).toBe('a,b\r\n');
  });

  it('reads back exactly what it wrote, whatever the text', () => {
    const field = fc.option(fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' ', 'é', '🎯', '\u0000') }), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (records) => {
        expect(parseCsv(records.map(csvRecord).join(''))).toEqual(records);
      }),
    );
  });
});
