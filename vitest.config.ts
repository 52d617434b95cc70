import { defineConfig } from 'vitest/config';

// Three tiers named by suffix (STYLE.md rule 13): unit (pure), int (real PostgreSQL), e2e (hub + sandbox over HTTP).
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.unit.spec.ts', 'test/**/*.unit.spec.ts'] } },
      { extends: true, test: { name: 'int', include: ['src/**/*.int.spec.ts', 'test/**/*.int.spec.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.e2e.spec.ts'], testTimeout: 120_000, hookTimeout: 60_000, fileParallelism: false } },
    ],
  },
});
