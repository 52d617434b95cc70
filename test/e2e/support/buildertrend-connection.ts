import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startDemoSandboxes, type DemoSandboxes } from '../../../sandbox/demo-sandboxes.js';
import { projectRoot } from '../../../src/platform/config/project-root.js';
import { billId } from '../../../src/adapters/buildertrend/bills-pos-kind.js';
import { startConfigTrestle, type ConfigTrestle } from './config-trestle.js';
import { eventually } from './trestle-harness.js';
import type { QboDoc } from './project-sync-probes.js';
import { procoreSide, quickBooksSide } from './yaml-sides.js';

export const ESTIMATOR_KEY = 'acme-estimator-key-0123456789';
export const PROJECT = '2468013';

/**
 * `acme` written as a customer writes it, pointing at the sandboxes, with the sample mapping and
 * whatever `extra` adds (e.g. `buildertrend: { mode }`). Procore is there because a connection
 * names its construction company; the tests only import files.
 */
const acmeConfig = (s: DemoSandboxes, extra: Record<string, unknown>) => ({
  connections: {
    acme: {
      construction: procoreSide(s),
      accounting: quickBooksSide(s),
      mappingFile: './acme.mapping.yaml',
      polling: { intervalSeconds: 3600 },
      postingMode: 'live',
      ...extra,
    },
  },
  apiKeys: [{ role: 'estimator', key: ESTIMATOR_KEY, name: 'estimator-jo' }],
});

export interface BuildertrendHub {
  readonly sandboxes: DemoSandboxes;
  readonly hub: ConfigTrestle;
  /** POST /imports/acme/{kind}?project=2468013 with the file as multipart. */
  upload(kind: string, content: Buffer | string, fileName: string): Promise<Response>;
  close(): Promise<void>;
}

export const sampleFile = (name: string): Promise<Buffer> => readFile(join(projectRoot(), 'sandbox/sample/files', name));

export const startBuildertrendHub = async (extra: Record<string, unknown> = {}): Promise<BuildertrendHub> => {
  const sandboxes = await startDemoSandboxes();
  const mapping = await readFile(join(projectRoot(), 'config/mapping.sample.yaml'), 'utf8');
  const hub = await startConfigTrestle(acmeConfig(sandboxes, extra), {}, { files: { 'acme.mapping.yaml': mapping } });
  return {
    sandboxes, hub,
    upload: (kind, content, fileName) => {
      const form = new FormData();
      form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), fileName);
      return fetch(`${hub.url}/imports/acme/${kind}?project=${PROJECT}`, { method: 'POST', headers: { 'x-api-key': ESTIMATOR_KEY }, body: form });
    },
    close: async () => {
      await hub.close();
      await sandboxes.close();
    },
  };
};

/** A bill written into the QuickBooks sandbox by hand (or by Buildertrend's own sync): vendor id, number, amount on Subcontractors. */
export const keyBill = (bt: BuildertrendHub, vendorId: string, docNumber: string, amount: number): QboDoc =>
  bt.sandboxes.quickbooks.company().write('Bill', {
    VendorRef: { value: vendorId }, DocNumber: docNumber, TxnDate: '2026-03-06',
    Line: [{ Amount: amount, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: '61' } } }],
  }) as unknown as QboDoc;

/** Waits until the bill's saga has linked it to the books' bill `booksId` (InvoiceMatchedInBooks, then synced). */
export const matchedIn = (bt: BuildertrendHub, vendor: string, number: string, booksId: string): Promise<unknown> =>
  eventually(`${number} linked to bill ${booksId}`, async () => {
    const events = await bt.hub.trestle.hub.storage.store.readStream(`acme.saga.invoice_sync-${billId(PROJECT, vendor, number)}`);
    const matched = events.find((e) => e.type === 'InvoiceMatchedInBooks.v1' && (e.data as { booksId: string }).booksId === booksId);
    return matched && events.some((e) => e.type === 'InvoiceSynced.v1' && (e.data as { booksId: string }).booksId === booksId) ? matched : undefined;
  }, 60_000);
