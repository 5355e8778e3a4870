/**
 * The dependency rules of the monorepo, as the style guide asks: libraries never reach
 * into apps, and each library depends only on the libraries below it, so the data flow
 * can be read off the tree. Adding a dependency means changing ALLOWED here, on purpose.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { preProcessFile } from 'typescript';

const ROOT = join(__dirname, '..', '..');

/** Which @ledger libraries each library's production code may import. */
const ALLOWED: Record<string, string[]> = {
  contracts: [],
  platform: [],
  database: [],
  domain: ['contracts'],
  integrity: ['contracts'],
  messaging: ['contracts', 'platform'],
  'event-store': ['contracts', 'integrity', 'messaging', 'platform', 'database'],
  application: ['contracts', 'domain', 'event-store'],
  auth: ['contracts', 'application', 'platform', 'database'],
  // auth: the NestJS wiring both projector services share (src/service) guards their routes.
  projections: ['contracts', 'domain', 'event-store', 'messaging', 'platform', 'database', 'auth'],
  audit: ['contracts', 'domain', 'event-store', 'integrity', 'messaging', 'platform', 'projections', 'database'],
  bi: ['contracts', 'projections', 'platform', 'database'],
  testing: ['contracts', 'domain', 'event-store', 'messaging', 'platform', 'auth', 'database'],
};

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  return preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map(({ fileName }) => fileName);
}

/** Production code only: test fixtures under `testing/` folders may use anything a test may. */
function productionFiles(library: string): string[] {
  return sourceFiles(join(ROOT, 'libs', library, 'src')).filter((file) => !/[/\\]testing[/\\]/.test(relative(ROOT, file)) || library === 'testing');
}

const libraries = readdirSync(join(ROOT, 'libs')).filter((name) => statSync(join(ROOT, 'libs', name)).isDirectory());

describe('library dependencies', () => {
  it('has a rule for every library', () => {
    expect(libraries.filter((library) => !(library in ALLOWED))).toEqual([]);
  });

  it.each(libraries.filter((library) => library in ALLOWED))('libs/%s imports only the libraries it may', (library) => {
    const offending = productionFiles(library).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => specifier.startsWith('@ledger/'))
        .map((specifier) => specifier.split('/')[1] as string)
        .filter((dependency) => dependency !== library && !ALLOWED[library]?.includes(dependency))
        .map((dependency) => `${relative(ROOT, file)} -> @ledger/${dependency}`),
    );
    expect(offending).toEqual([]);
  });

  it('never imports from an app', () => {
    const offending = libraries.flatMap((library) =>
      sourceFiles(join(ROOT, 'libs', library, 'src')).flatMap((file) =>
        importsOf(file)
          .filter((specifier) => specifier.startsWith('.') && relative(ROOT, join(file, '..', specifier)).startsWith('apps'))
          .map((specifier) => `${relative(ROOT, file)} -> ${specifier}`),
      ),
    );
    expect(offending).toEqual([]);
  });
});
