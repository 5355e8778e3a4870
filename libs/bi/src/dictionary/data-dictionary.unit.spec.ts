import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DICTIONARY_PATH, dictionaryFromCatalogue, renderDataDictionary } from './data-dictionary';

const COMMITTED = join(__dirname, '..', '..', '..', '..', DATA_DICTIONARY_PATH);

describe('the data dictionary', () => {
  it('equals the committed libs/bi/DATA_DICTIONARY.md (regenerate: npm run build && node dist/libs/bi/scripts/write-data-dictionary.js)', () => {
    expect(renderDataDictionary(dictionaryFromCatalogue())).toEqual(readFileSync(COMMITTED, 'utf8'));
  });

  it('explains every view and every column', () => {
    const unexplained = dictionaryFromCatalogue().flatMap((view) => [
      ...(view.comment.length < 40 ? [view.name] : []),
      ...view.columns.filter((column) => column.comment.length < 5).map((column) => `${view.name}.${column.name}`),
    ]);
    expect(unexplained).toEqual([]);
  });

  it('renders a pipe inside a description without breaking its table row', () => {
    const rendered = renderDataDictionary([{ name: 'v_v1', comment: 'A view.', columns: [{ name: 'c', type: 'text', comment: 'a | b' }] }]);
    expect(rendered).toContain('| `c` | text | a \\| b |');
  });
});
