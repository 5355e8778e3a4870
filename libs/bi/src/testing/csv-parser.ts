/**
 * Reads CSV back as RFC 4180 defines it (with PostgreSQL COPY's NULL convention: an
 * empty unquoted field is NULL, `""` the empty text), so tests can compare an export
 * with the JSON it must equal. Test support only: the product writes CSV, never reads it.
 */
export function parseCsv(text: string): (string | null)[][] {
  const records: (string | null)[][] = [];
  let record: (string | null)[] = [];
  let index = 0;
  while (index < text.length) {
    const [field, next] = readField(text, index);
    record.push(field);
    if (text.startsWith('\r\n', next)) {
      records.push(record);
      record = [];
      index = next + 2;
    } else if (text[next] === ',') {
      index = next + 1;
      if (index === text.length) record.push(null);
    } else if (next >= text.length) {
      records.push(record);
      index = next;
    } else {
      throw new Error(`Malformed CSV at character ${next}: ${JSON.stringify(text.slice(next, next + 20))}`);
    }
  }
  return records;
}

function readField(text: string, start: number): [string | null, number] {
  if (text[start] !== '"') {
    let end = start;
    while (end < text.length && text[end] !== ',' && text[end] !== '\r' && text[end] !== '\n') end += 1;
    return [end === start ? null : text.slice(start, end), end];
  }
  let value = '';
  let index = start + 1;
  for (;;) {
    const quote = text.indexOf('"', index);
    if (quote < 0) throw new Error('Unterminated quoted CSV field.');
    value += text.slice(index, quote);
    if (text[quote + 1] === '"') {
      value += '"';
      index = quote + 2;
    } else {
      return [value, quote + 1];
    }
  }
}
