import { defineConfig } from 'vitest/config';

// Three tiers named by suffix (STYLE.md rule 13): unit (pure), int (real PostgreSQL), e2e (hub + sandbox over HTTP).
// The EventStoreDB contract suite is its own project: it needs EVENTSTORE_URL (no server can run here).
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.unit.spec.ts', 'test/**/*.unit.spec.ts'] } },
      {
        extends: true,
        test: {
          name: 'int', include: ['src/**/*.int.spec.ts', 'test/**/*.int.spec.ts'], exclude: ['test/contract/eventstoredb.int.spec.ts', '**/node_modules/**'],
          testTimeout: 60_000, hookTimeout: 60_000,
        },
      },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.e2e.spec.ts'], testTimeout: 180_000, hookTimeout: 120_000, fileParallelism: false } },
      // Vendor SDKs nobody on this team wrote (intuit-oauth, node-quickbooks, xero-node), unmodified, against the sandboxes.
      { extends: true, test: { name: 'clients', include: ['test/clients/**/*.clients.spec.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
      // The console in headless Chromium (scripts/ensure-chromium.sh), against the whole hub like e2e.
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.browser.spec.ts'], testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false } },
      { extends: true, test: { name: 'esdb', include: ['test/contract/eventstoredb.int.spec.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
    ],
  },
});
