/**
 * Writes `libs/bi/DATA_DICTIONARY.md` from the view catalogue. Run after changing a
 * view (a test fails while the file differs from the code or from the database):
 *   npm run build && node dist/libs/bi/scripts/write-data-dictionary.js
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DICTIONARY_PATH, dictionaryFromCatalogue, renderDataDictionary } from '../src/dictionary/data-dictionary';

const target = process.argv[2] ?? join(process.cwd(), DATA_DICTIONARY_PATH);
writeFileSync(target, renderDataDictionary(dictionaryFromCatalogue()));
process.stdout.write(`Data dictionary written to ${target}\n`);
