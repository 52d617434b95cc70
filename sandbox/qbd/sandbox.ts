import { Bookkeeper } from './bookkeeper.js';
import { QbdCompany } from './company/company.js';
import { seedDefaults, seedSampleCompany } from './company/seed.js';
import type { ProcessResult } from './qbxml/processor.js';
import { QbxmlSession } from './qbxml/session.js';
import type { WebConnectorFaults } from './webconnector/faults.js';
import { parseQwc, type QwcFile } from './webconnector/qwc.js';
import { WebConnector } from './webconnector/web-connector.js';

export interface QbdSandboxOptions {
  /** The .qwc file the hub wrote for this connection, as the bookkeeper adds it to the Web Connector. */
  readonly qwc: string;
  /** The password the bookkeeper types into the Web Connector. */
  readonly password: string;
  /** `sample`: the sample company's chart, items, classes, vendors and the project as a job; `empty`: a new file. */
  readonly seed?: 'sample' | 'empty';
  readonly companyName?: string;
  readonly companyFile?: string;
  readonly qbxmlVersion?: { readonly major: number; readonly minor: number };
  readonly noOpDelayMs?: number;
  readonly clock?: () => Date;
  readonly faults?: WebConnectorFaults;
  readonly fetch?: typeof fetch;
}

export interface QbdSandbox {
  readonly company: QbdCompany;
  readonly connector: WebConnector;
  readonly qwc: QwcFile;
  readonly faults: WebConnectorFaults;
  /** Payments made in QuickBooks Desktop and the job-cost lines a reconciliation sums. */
  readonly bookkeeper: Bookkeeper;
  /** The bookkeeper at the QuickBooks desk: qbXML run straight against the company (payments, edits), outside any Web Connector session. */
  desk(qbxml: string): ProcessResult;
  /** A bookkeeper edits and saves a record: its EditSequence changes, so the hub's copy is stale (3200). */
  touch(id: string): void;
  stop(): Promise<void>;
}

export const DEFAULT_COMPANY_FILE = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Harbor Point Builders.QBW';

/**
 * A QuickBooks Desktop company and the Web Connector beside it. The connector polls the hub's
 * AppURL from the .qwc; call `connector.runSession()` for "Update Selected" or
 * `connector.start()` for the .qwc's schedule.
 */
export const createQbdSandbox = (options: QbdSandboxOptions): QbdSandbox => {
  const qwc = parseQwc(options.qwc);
  const company = new QbdCompany({
    companyName: options.companyName ?? 'Harbor Point Builders', companyFile: options.companyFile ?? DEFAULT_COMPANY_FILE,
  }, options.clock);
  if ((options.seed ?? 'sample') === 'sample') seedSampleCompany(company);
  else seedDefaults(company);
  const faults: WebConnectorFaults = options.faults ?? {};
  const connector = new WebConnector({
    qwc, password: options.password, company, qbxmlVersion: options.qbxmlVersion, noOpDelayMs: options.noOpDelayMs, faults, fetch: options.fetch,
  });
  const v = options.qbxmlVersion ?? { major: 16, minor: 0 };
  const desk = new QbxmlSession(company, Number(`${v.major}.${v.minor}`));
  return {
    company, connector, qwc, faults, bookkeeper: new Bookkeeper(company, desk),
    desk: (qbxml) => desk.process(qbxml),
    touch: (id) => {
      const list = company.listById(id);
      if (list) return company.touchList(list);
      const txn = company.txnById(id);
      if (!txn) throw new Error(`No list object or transaction ${id}`);
      company.touchTxn(txn);
    },
    stop: () => connector.stop(),
  };
};
