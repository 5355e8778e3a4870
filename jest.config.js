/**
 * One jest run, three kinds of test, told apart by file name as the style guide asks:
 * `*.unit.spec.ts` (pure, fast), `*.int.spec.ts` (real Postgres and Kafka),
 * `*.e2e.spec.ts` (the running services, end to end).
 */
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  // A library's own entry point, or one of its light sub-entries (e.g. `@ledger/projections/log`).
  moduleNameMapper: { '^@ledger/([^/]+)/([^/]+)$': '<rootDir>/libs/$1/src/$2', '^@ledger/([^/]+)$': '<rootDir>/libs/$1/src' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tests}/**/*.unit.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tests}/**/*.int.spec.ts'],
      slowTestThreshold: 30,
    },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/{apps,libs,tests}/**/*.e2e.spec.ts'] },
  ],
};
