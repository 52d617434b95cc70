import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { committedByCostCode, type BudgetState } from '../../src/domain/budget/index.js';
import type { SubcontractorInvoiceSnapshot } from '../../src/domain/documents/snapshots.js';
import { CONTEXT, costLine, invoiceWith } from '../../src/domain/invoice-sync/invoice-sync.fixtures.js';
import { decideInvoiceSync, initialInvoiceSyncState, type InvoiceSyncInput } from '../../src/domain/invoice-sync/index.js';
import type { AllPosition, EventMetadataInput, RecordedEvent } from '../../src/eventstore/index.js';
import { listGenerations } from '../../src/projections/engine/generations.js';
import { ProjectionRunner } from '../../src/projections/engine/projection-runner.js';
import type { Sql } from '../../src/projections/engine/projection.js';
import { postgresSagaReadModels } from '../../src/projections/saga-context/postgres-saga-read-models.js';
import { SAGA_CONTEXT, sagaContextProjection } from '../../src/projections/saga-context/saga-context.projection.js';
import type { SagaReadModels } from '../../src/sagas/context/read-model-ports.js';
import { useProjectionFixture } from './projection-fixture.js';

const C = 'keystone';
const COMMITMENT = '786001';

/** One fact appended on its own, so commit order is call order; returns its position. */
const appender = (fixture: ReturnType<typeof useProjectionFixture>) =>
  async (stream: string, type: string, data: unknown, metadata: EventMetadataInput = {}): Promise<AllPosition> => {
    const result = await fixture().store.append(stream, [{ id: randomUUID(), type, data, metadata: { connection: C, source: 'hub', correlationId: 'c', ...metadata } }], 'any');
    return result.position!;
  };

const invoiceStream = (id: string) => `${C}.procore.subcontractor_invoice-${id}`;
const invoiceData = (id: string, snapshot: SubcontractorInvoiceSnapshot) => ({
  ref: { connection: C, source: 'procore', type: 'subcontractor_invoice', externalId: id }, version: 'v1', observedAt: '2026-05-02T15:05:00Z', snapshot, raw: {},
});
const invoice = (id: string, ducts: string): SubcontractorInvoiceSnapshot =>
  invoiceWith([costLine('1', '23-31-00', 'S', 'Ductwork', ducts), costLine('2', '23-31-00', 'M', 'Hangers', '1000.00')], { invoiceNumber: `NSM-${id}` });
const cause = (externalId: string, version: string) => ({ document: { connection: C, source: 'procore', type: 'commitment', externalId }, version, change: 'approved' });
const coDocument = (externalId: string) => ({ connection: C, source: 'procore', type: 'prime_change_order', externalId });
const billing = (externalId: string, delta: number) => ({
  document: coDocument(externalId), version: 'v1', projectId: 'P1', primeContractId: 'PC1', number: externalId, title: `CO ${externalId}`,
  change: 'approved', deltas: [], delta, amountInForce: delta,
});

/** Every row readers can see, in a stable order. */
const allRows = async (sql: Sql) => Object.fromEntries(await Promise.all(sagaContextProjection.tables(1).map(async (table) => {
  const view = table.replace(/_\d+$/, '');
  return [view, await sql.query(`SELECT connection, key, grp, value FROM ${view} ORDER BY connection, key`)] as const;
})));

/** What the invoice saga decides on an approval, with the commitment context the ports give. */
const failuresOn = async (models: SagaReadModels, budget: BudgetState, id: string, snapshot: SubcontractorInvoiceSnapshot): Promise<string[]> => {
  const billedBefore = await models.invoicesBilled.billedBefore(C, COMMITMENT, id);
  const commitment = committedByCostCode(budget, COMMITMENT, billedBefore);
  const input = { type: 'SubcontractorInvoiceApproved.v1', data: invoiceData(id, snapshot) } as InvoiceSyncInput;
  return decideInvoiceSync(input, initialInvoiceSyncState, { ...CONTEXT, commitment })
    .filter((o) => o.type === 'ValidationFailed.v1').map((o) => (o.data as { field: string; message: string }).message);
};

describe('saga-context read models (PostgreSQL server)', () => {
  const fixture = useProjectionFixture('server');
  const append = appender(fixture);
  let runner: ProjectionRunner;
  let models: SagaReadModels;

  it('folds each read model and answers through the sagas\' ports once its checkpoint reaches the asking position', async () => {
    runner = await fixture().live(sagaContextProjection);
    models = postgresSagaReadModels(fixture().sql, (position) => runner.reached(position));

    // Books links: the latest resolution wins; a saga's copy of an input is never folded.
    await append('keystone.outbound.x-1', 'BooksVendorResolved.v1', { vendorId: '5521', vendorRef: { value: '40', name: 'Northwind' } });
    await append('keystone.outbound.x-2', 'BooksVendorResolved.v1', { vendorId: '5521', vendorRef: { value: '41', name: 'Northwind Sheet Metal' } });
    await append('keystone.outbound.x-3', 'BooksJobResolved.v1', { projectId: '2468013', customerRef: { value: '7', name: 'Keystone Tower' } });
    await append('keystone.saga.invoice_sync-9', 'BooksVendorResolved.v1', { vendorId: '9999', vendorRef: { value: '1', name: 'Copy' } }, { inputStream: 'keystone.outbound.x-9' });
    // Posted transactions name the saga that asked.
    await append('keystone.outbound.x-4', 'BillPosted.v1', { billId: '146' }, { sagaStream: 'keystone.saga.invoice_sync-subcontractor_invoice-1' });
    await append('keystone.outbound.x-5', 'InvoicePosted.v1', { invoiceId: '212' }, { sagaStream: 'keystone.saga.owner_invoice-owner_invoice-3' });
    // Committed cost: the same adjustment seen twice counts once.
    const adjust = { projectId: '2468013', costCode: '23-31-00', commitmentId: COMMITMENT, cause: cause(COMMITMENT, 'v1') };
    await append('keystone.saga.commitment_po-1', 'CommittedCostAdjusted.v1', { ...adjust, costType: 'S', delta: 15_000_000 });
    await append('keystone.saga.commitment_po-1', 'CommittedCostAdjusted.v1', { ...adjust, costType: 'S', delta: 15_000_000 });
    await append('keystone.saga.commitment_po-1', 'CommittedCostAdjusted.v1', { ...adjust, costType: 'M', delta: 1_200_000 });
    // Retainage held per project, each cause once.
    const held = { projectId: 'P1', primeContractId: 'PC1', heldAfter: 0 };
    await append('keystone.saga.owner_invoice-1', 'RetainageHeldChanged.v1', { ...held, delta: 50_000, cause: cause('oi-1', 'v1') });
    await append('keystone.saga.owner_invoice-1', 'RetainageHeldChanged.v1', { ...held, delta: 50_000, cause: cause('oi-1', 'v1') });
    await append('keystone.saga.owner_invoice-2', 'RetainageHeldChanged.v1', { ...held, delta: 25_000, cause: cause('oi-2', 'v1') });
    // Change orders to carry: billed less what the owner invoice's latest fact carries.
    await append('keystone.saga.change_order-1', 'PrimeChangeOrderBillingChanged.v1', billing('CO1', 100_000));
    await append('keystone.saga.change_order-2', 'PrimeChangeOrderBillingChanged.v1', billing('CO2', 30_000));
    await append('keystone.saga.change_order-3', 'PrimeChangeOrderBillingChanged.v1', billing('CO3', 0));
    const ownerInvoice = { connection: C, source: 'procore', type: 'owner_invoice', externalId: 'oi-1' };
    await append('keystone.saga.owner_invoice-1', 'OwnerInvoiceChangeOrdersCarried.v1', { document: ownerInvoice, version: 'v1', primeContractId: 'PC1', changeOrders: [] });
    const last = await append('keystone.saga.owner_invoice-1', 'OwnerInvoiceChangeOrdersCarried.v1',
      { document: ownerInvoice, version: 'v2', primeContractId: 'PC1', changeOrders: [{ document: coDocument('CO1'), version: 'v1' }] });

    await models.caughtUpTo(last);
    expect(await models.booksLinks.get(C, 'vendor', '5521')).toEqual({ value: '41', name: 'Northwind Sheet Metal' });
    expect(await models.booksLinks.get(C, 'job', '2468013')).toEqual({ value: '7', name: 'Keystone Tower' });
    expect(await models.booksLinks.get(C, 'vendor', '9999')).toBeNull();
    expect(await models.booksLinks.get('other', 'vendor', '5521')).toBeNull();
    expect(await models.postedTransactions.postedOf(C, [{ txnType: 'Bill', txnId: '146' }, { txnType: 'Invoice', txnId: '212' }, { txnType: 'Bill', txnId: '999' }])).toEqual([
      { txnType: 'Bill', txnId: '146', sagaStream: 'keystone.saga.invoice_sync-subcontractor_invoice-1' },
      { txnType: 'Invoice', txnId: '212', sagaStream: 'keystone.saga.owner_invoice-owner_invoice-3' },
    ]);
    expect(await models.budget.committed(C, COMMITMENT, {})).toEqual([
      { costCode: '23-31-00', costType: 'M', committed: 1_200_000, billedBefore: 0 },
      { costCode: '23-31-00', costType: 'S', committed: 15_000_000, billedBefore: 0 },
    ]);
    expect(await models.budget.committed(C, 'never-approved', {})).toBeNull();
    expect(await models.retainage.heldOn(C, 'P1')).toBe(75_000);
    expect(await models.retainage.heldOn(C, 'P2')).toBe(0);
    expect((await models.changeOrders.pending(C)).map((c) => [c.document.externalId, c.delta])).toEqual([['CO2', 30_000]]);
  });

  it('counts an invoice\'s latest approved version against the others on its commitment (cumulative over-billing)', async () => {
    const budget = { lines: {}, applied: {}, committedByCommitment: { [COMMITMENT]: {
      '23-31-00|S': { costCode: '23-31-00', costType: 'S', amount: 15_000_000 }, '23-31-00|M': { costCode: '23-31-00', costType: 'M', amount: 1_200_000 },
    } } } as unknown as BudgetState;
    await append(invoiceStream('1280701'), 'SubcontractorInvoiceApproved.v1', invoiceData('1280701', invoice('1280701', '90000.00')));
    const second = invoice('1280702', '70000.00');
    await models.caughtUpTo(await append(invoiceStream('1280702'), 'SubcontractorInvoiceApproved.v1', invoiceData('1280702', second)));
    expect(await failuresOn(models, budget, '1280702', second)).toEqual([
      '23-31-00/S: billed to date 160000.00 (90000.00 before, 70000.00 on this invoice) exceeds the committed 150000.00',
    ]);
    // The first revised down: the second fits; a void takes an invoice out altogether.
    await models.caughtUpTo(await append(invoiceStream('1280701'), 'SubcontractorInvoiceRevised.v1', invoiceData('1280701', invoice('1280701', '50000.00'))));
    expect(await failuresOn(models, budget, '1280702', second)).toEqual([]);
    const up = invoice('1280701', '140000.00');
    await models.caughtUpTo(await append(invoiceStream('1280701'), 'SubcontractorInvoiceRevised.v1', invoiceData('1280701', up)));
    expect((await failuresOn(models, budget, '1280701', up))[0]).toContain('23-31-00/S: billed to date 210000.00 (70000.00 before');
    await models.caughtUpTo(await append(invoiceStream('1280702'), 'SubcontractorInvoiceVoided.v1', invoiceData('1280702', { ...second, status: 'deleted' })));
    expect(await failuresOn(models, budget, '1280701', up)).toEqual([]);
  });

  it('saves its checkpoint with its rows, and a restart reads only what came after it', async () => {
    const { sql, store } = fixture();
    const before = runner.status();
    const [generation] = (await listGenerations(sql, SAGA_CONTEXT)).filter((g) => g.state === 'active');
    expect(generation!.events).toBe(before.events);
    expect(`${generation!.position!.commit}/${generation!.position!.prepare}`).toBe(before.position);
    const rows = await allRows(sql);
    await runner.stop();

    const applied: RecordedEvent[] = [];
    const restarted = new ProjectionRunner(store, sql, sagaContextProjection, { idleMs: 10, onBatch: (_name, events) => applied.push(...events) });
    restarted.start(generation!.generation);
    const next = await append('keystone.outbound.x-6', 'BooksJobResolved.v1', { projectId: 'P9', customerRef: { value: '8', name: 'Annex' } });
    await restarted.reached(next);
    await restarted.stop();
    expect(applied.map((e) => e.type)).toEqual(['BooksJobResolved.v1']);
    expect(restarted.status().events).toBe(before.events + 1);
    expect(await models.booksLinks.get(C, 'job', 'P9')).toEqual({ value: '8', name: 'Annex' });
    const after = await allRows(sql);
    expect({ ...after, 'projections.saga_books_links': after['projections.saga_books_links']!.filter((r: { key: string }) => r.key !== 'job|P9') }).toEqual(rows);

    // A rebuild from $all builds exactly the rows the live runner kept.
    runner = restarted;
    restarted.start(generation!.generation);
    const job = await fixture().rebuild(sagaContextProjection, restarted);
    expect(job.progress()).toMatchObject({ state: 'done', processed: before.events + 1 });
    expect(restarted.status().generation).toBe(generation!.generation + 1);
    expect(await allRows(sql)).toEqual(after);
    await restarted.stop();
  });
});
