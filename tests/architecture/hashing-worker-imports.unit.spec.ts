/**
 * A verification's hashing worker is a thread with a heap and a module graph of its
 * own: every package it loads, it loads again. Through the libraries' main entry points
 * it once loaded NestJS, TypeORM and kafkajs (about 2,000 modules, 70 MB of RSS per
 * thread) to use a decoder and a hash. This keeps its runtime imports to what hashing
 * needs, following them from the worker script through every file they reach.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const WORKER = join(ROOT, 'libs', 'audit', 'src', 'verification', 'event-hashing.worker.ts');
const HEAVY_PACKAGES = /^(@nestjs\/|typeorm$|kafkajs$|pg$|class-validator$|class-transformer$|rxjs$)/;

/** The specifiers a file loads at run time: type-only imports and exports are erased by the compiler. */
function runtimeSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      if (!typeOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      const named = statement.exportClause;
      const typeOnly = named !== undefined && ts.isNamedExports(named) && named.elements.every((element) => element.isTypeOnly);
      if (!typeOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** The source file a specifier names, or null for a package from node_modules or node itself. */
function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith('.')) base = join(dirname(from), specifier);
  else if (specifier.startsWith('@ledger/')) {
    const [library, ...rest] = specifier.slice('@ledger/'.length).split('/');
    base = join(ROOT, 'libs', library!, 'src', ...rest);
  } else return null;
  const candidate = [`${base}.ts`, join(base, 'index.ts')].find((path) => existsSync(path));
  if (!candidate) throw new Error(`${relative(ROOT, from)} imports ${specifier}, which names no source file`);
  return candidate;
}

/** Every package the worker loads, with a file that loads it. */
function packagesLoadedBy(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const visited = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (visited.has(file)) continue;
    visited.add(file);
    for (const specifier of runtimeSpecifiers(file)) {
      const target = resolve(file, specifier);
      if (target) pending.push(target);
      else if (!specifier.startsWith('node:') && !packages.has(specifier)) packages.set(specifier, relative(ROOT, file));
    }
  }
  return packages;
}

describe("the verification's hashing worker", () => {
  it('loads no framework, database driver or Kafka client', () => {
    const heavy = [...packagesLoadedBy(WORKER)].filter(([name]) => HEAVY_PACKAGES.test(name)).map(([name, file]) => `${file} -> ${name}`);
    expect(heavy).toEqual([]);
  });

  it('follows the imports it checks (the check would see a heavy import)', () => {
    expect([...packagesLoadedBy(join(ROOT, 'libs', 'audit', 'src', 'index.ts')).keys()]).toEqual(expect.arrayContaining(['typeorm']));
  });
});
