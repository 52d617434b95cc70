import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthModule } from '../../src/api/auth/auth.module.js';
import { ImportsApiModule } from '../../src/api/imports/imports-api.module.js';
import { ReportingApiModule } from '../../src/api/reporting-api.module.js';
import { IMPORT_KINDS } from '../../src/adapters/import-kinds.js';
import { ImportsModule } from '../../src/adapters/imports/imports.module.js';
import { cents, formatMoney } from '../../src/domain/shared/money.js';
import { comparePositions } from '../../src/eventstore/index.js';
import { ProjectionsService } from '../../src/projections/projections.service.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { budgetLineStreams, expectedBudget, SAMPLE_TAKEOFF } from './sample-files.js';

const KEYS = { estimator: 'estimator-key-01234567', finance: 'finance-key-0123456789', auditor: 'auditor-key-0123456789' } as const;

interface Row { costCode: string; costType: string; originalBudget: string }

describe('an imported takeoff in the reconciliation', () => {
  let hub: TestHub;
  beforeAll(async () => {
    const keys = Object.entries(KEYS).map(([role, key]) => ({ role: role as keyof typeof KEYS, key }));
    hub = await startTestHub([AuthModule.forRoot(keys), ReportingApiModule.forRoot(), ImportsModule.forRoot({ connections: [{ name: 'acme' }], kinds: IMPORT_KINDS }), ImportsApiModule]);
  });
  afterAll(async () => hub?.close());

  it('shows each cost code and type with the takeoff as its original budget', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(readFileSync(SAMPLE_TAKEOFF))]), 'riverside.csv');
    const upload = await fetch(`${hub.url}/imports/acme/planswift-takeoff?project=2468013`, { method: 'POST', headers: { 'x-api-key': KEYS.estimator }, body: form });
    expect(upload.status).toBe(201);
    // The projections have applied every budget line recorded: the one committed last included.
    const recorded = [...(await budgetLineStreams(hub.storage.store, 'acme')).values()].flat();
    const last = recorded.reduce((a, b) => (comparePositions(a.position, b.position) >= 0 ? a : b));
    await hub.app.get(ProjectionsService, { strict: false }).reached(last.position);
    const response = await fetch(`${hub.url}/finance/reconciliation?connection=acme&project=2468013&pageSize=100`, { headers: { 'x-api-key': KEYS.finance } });
    expect(response.status).toBe(200);
    const rows = ((await response.json()) as { items: Row[] }).items;
    const shown = Object.fromEntries(rows.map((r) => {
      const [whole, fraction] = r.originalBudget.replace('-', '').split('.');
      const cents = Number(whole) * 100 + Number(fraction);
      return [`${r.costCode}|${r.costType}`, r.originalBudget.startsWith('-') ? -cents : cents];
    }));
    expect(shown).toEqual(expectedBudget(SAMPLE_TAKEOFF));
  });

  it("serves an imported document's history to the auditor", async () => {
    const stream = 'acme.planswift.budget_line-2468013:23-31-00:S';
    const response = await fetch(`${hub.url}/audit/documents/${encodeURIComponent(stream)}/history`, { headers: { 'x-api-key': KEYS.auditor } });
    expect(response.status).toBe(200);
    const history = (await response.json()) as { items: Array<{ type: string; data: { snapshot: { originalBudget: string } } }> };
    expect(history.items.map((e) => e.type)).toEqual(['BudgetLineChanged.v1']);
    // Money over HTTP is a decimal string.
    expect(history.items[0]!.data.snapshot.originalBudget).toBe(formatMoney(cents(expectedBudget(SAMPLE_TAKEOFF)['23-31-00|S']!)));
  });
});
