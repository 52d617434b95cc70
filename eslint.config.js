import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  {
    // The domain is pure: no framework, no database, no HTTP, no clock (STYLE.md rule 8, no exceptions).
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@nestjs/*', 'pg', 'pg-*', 'typeorm', '@eventstore/*', 'opossum', 'axios', 'undici', 'fastify', '@fastify/*', '@electric-sql/*', 'prom-client', 'pino*', 'nestjs-pino', 'rxjs'], message: 'src/domain imports nothing from NestJS or I/O.' },
          { group: ['node:fs', 'node:fs/*', 'fs', 'fs/*', 'node:http', 'node:https', 'http', 'https', 'node:net', 'net', 'node:child_process'], message: 'src/domain does no I/O.' },
          { group: ['**/adapters/**', '**/sagas/**', '**/projections/**', '**/api/**'], message: 'src/domain depends on nothing outside it.' },
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
);
