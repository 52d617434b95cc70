import { describe, expect, it } from 'vitest';
import type { Sql } from '../../src/projections/engine/projection.js';
import { ProjectionRunner } from '../../src/projections/engine/projection-runner.js';
import { auditProjection } from '../../src/projections/audit/audit.projection.js';
import { DocumentHistory } from '../../src/projections/audit/document-history.js';
import { PortStreamReader, PostgresStreamReader } from '../../src/projections/audit/stream-reader.js';
import { reconciliationProjection } from '../../src/projections/reconciliation/reconciliation.projection.js';
import { testBackends } from '../support/databases.js';
import { appendAll } from './append-flows.js';
import { useProjectionFixture } from './projection-fixture.js';
import { foldAll } from './recorded.js';
import { appendAroundRevision, sampleLedger, variedLedger } from './sample-ledger.js';

/** Everything readers can see, in a stable order. */
const readModels = async (db: Sql) => ({
  rows: await db.query('SELECT * FROM projections.reconciliation_rows ORDER BY connection, project_id, cost_code, cost_type'),
  documents: await db.query('SELECT * FROM projections.reconciliation_documents ORDER BY document'),
  links: await db.query('SELECT * FROM projections.audit_links ORDER BY from_key, to_key'),
});

for (const kind of testBackends()) {
  describe(`projections (${kind})`, () => {
    const fixture = useProjectionFixture(kind);

    it('builds incrementally what a rebuild builds from scratch, and keeps up while rebuilding', async () => {
      const { store, sql, live, rebuild } = fixture();
      const recon = await live(reconciliationProjection);
      const audit = await live(auditProjection);
      const last = await appendAll(store, [...sampleLedger(), ...variedLedger(40)]);
      await Promise.all([recon.reached(last!), audit.reached(last!)]);
      const incremental = await readModels(sql);
      expect(incremental.rows.length).toBeGreaterThan(10);
      expect(new Set(incremental.documents.map((d: { status: string }) => d.status))).toEqual(new Set(['in_sync', 'mismatch', 'quarantined', 'pending', 'none']));

      await Promise.all([rebuild(reconciliationProjection, recon), rebuild(auditProjection, audit)]);
      expect(recon.status().generation).toBe(2);
      expect(await readModels(sql)).toEqual(incremental);

      // Events arriving during a rebuild land in the new copy too; a second runner on the
      // same copy (a second hub process) never makes a batch count twice.
      const more = appendAll(store, variedLedger(12, 'beta'));
      await rebuild(reconciliationProjection, recon);
      await more;
      const twin = new ProjectionRunner(store, sql, reconciliationProjection, { idleMs: 10, batchSize: 7 });
      twin.start(recon.status().generation!);
      const end = await appendAll(store, variedLedger(6, 'gamma'));
      await Promise.all([recon.reached(end!), twin.reached(end!)]);
      await twin.stop();
      const { rows: expected } = foldAll(await fixture().readAllEvents());
      const stored = await sql.query(`SELECT connection, project_id, cost_code, cost_type, invoiced::int, posted::int, paid::int, documents FROM projections.reconciliation_rows`);
      expect(stored).toHaveLength(expected.size);
      for (const row of stored) {
        expect(expected.get(`${row.connection}:${row.project_id}/${row.cost_code}/${row.cost_type}`)).toMatchObject({ invoiced: row.invoiced, posted: row.posted, paid: row.paid, documents: row.documents });
      }
      // A liveness bound only: hundreds of appends one by one, three rebuilds and two read-model
      // comparisons take 25 s on a moderately loaded machine and over a minute on a saturated one.
    }, 300_000);

    it('replays a document as it was before its revision', async () => {
      const { store, db } = fixture();
      const { document, between, last } = await appendAroundRevision(store, 'acme', '3001');
      await fixture().reached(last);
      const history = new DocumentHistory(db, new PostgresStreamReader(db));
      const viaPort = new DocumentHistory(db, new PortStreamReader(store));
      const before = await history.asOf(document, between);
      expect(before).toMatchObject({ lastEventType: 'SubcontractorInvoiceApproved.v1', snapshot: { grossAmount: 10_000_00 }, sync: { status: 'in_sync', books: { total: 10_000_00 } } });
      const after = await history.asOf(document, new Date(Date.now() + 60_000));
      expect(after).toMatchObject({ lastEventType: 'SubcontractorInvoiceRevised.v1', snapshot: { grossAmount: 8_000_00 }, sync: { books: { total: 8_000_00 } } });
      expect(await history.asOf(document, new Date('2000-01-01T00:00:00Z'))).toMatchObject({ existed: false, snapshot: null });
      expect(await viaPort.asOf(document, between)).toEqual(before);
      expect(await viaPort.history(document)).toEqual(await history.history(document));
    });
  });
}
