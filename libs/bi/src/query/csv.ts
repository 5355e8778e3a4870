/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, a field
 * holding a comma, a double quote, CR or LF enclosed in double quotes, with each double
 * quote doubled. NULL and the empty text are told apart the way PostgreSQL's COPY does
 * it: NULL is an empty field, the empty text is `""`. No library for this is installed,
 * and this much is small enough to get right and test.
 */
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | null): string {
  if (value === null) return '';
  if (value === '' || NEEDS_QUOTES.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

export function csvRecord(fields: readonly (string | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
