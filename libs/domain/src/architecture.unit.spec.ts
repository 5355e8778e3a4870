/**
 * Keeps the domain pure: production code under libs/domain/src may import only its own
 * files, the contracts and immutable's data structures, so NestJS, TypeORM, Kafka or Node I/O can never creep in.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { preProcessFile } from 'typescript';

const DOMAIN_ROOT = __dirname;
// immutable: persistent maps for the state, plain data structures with no I/O.
const ALLOWED_PACKAGES = ['@ledger/contracts', 'immutable'];

function productionFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return productionFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every module a file loads: static and dynamic imports, re-exports and `require` calls. */
function importsOf(path: string): string[] {
  const { importedFiles } = preProcessFile(readFileSync(path, 'utf8'), true, true);
  return importedFiles.map((file) => file.fileName);
}

/** A relative import must also stay inside the library: `../../event-store/...` is another lib. */
function isAllowed(specifier: string, importingFile = join(DOMAIN_ROOT, 'index.ts')): boolean {
  if (!specifier.startsWith('.')) return ALLOWED_PACKAGES.includes(specifier);
  return resolve(dirname(importingFile), specifier).startsWith(DOMAIN_ROOT + sep);
}

describe('the domain library', () => {
  const files = productionFiles(DOMAIN_ROOT);

  it('has production files to check', () => {
    expect(files.map((path) => relative(DOMAIN_ROOT, path))).toEqual(
      expect.arrayContaining(['index.ts', 'period.ts', join('partnership', 'decide.ts')]),
    );
  });

  it.each(files.map((path) => [relative(DOMAIN_ROOT, path), path]))(
    '%s imports nothing but relative paths, @ledger/contracts and immutable',
    (_name, path) => {
      expect(importsOf(path).filter((specifier) => !isAllowed(specifier, path))).toEqual([]);
    },
  );

  it('recognises a forbidden import when it sees one', () => {
    const { importedFiles } = preProcessFile(
      "import { Injectable } from '@nestjs/common';\nconst kafka = require('kafkajs');\n" +
        "export * from './state';\nimport { EventStore } from '../../event-store/src';",
      true,
      true,
    );
    expect(importedFiles.map((file) => file.fileName).filter((specifier) => !isAllowed(specifier))).toEqual([
      '@nestjs/common',
      'kafkajs',
      '../../event-store/src',
    ]);
  });
});
