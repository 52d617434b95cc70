import { randomUUID } from 'node:crypto';
import type { QbdCompany } from '../company/company.js';
import type { OpenIterator } from './context.js';
import { processQbxml, type ProcessResult } from './processor.js';

/**
 * One connection to the company file (BeginSession … EndSession in QBXMLRP2 terms): iterators
 * live here and die with it. `maxVersion` is the highest qbXML this QuickBooks supports.
 */
export class QbxmlSession {
  private readonly iterators = new Map<string, OpenIterator>();

  constructor(
    private readonly company: QbdCompany,
    readonly maxVersion: number,
    private readonly lockedWrites: { remaining: number } = { remaining: 0 },
  ) {}

  process(text: string): ProcessResult {
    return processQbxml({
      company: this.company, iterators: this.iterators, lockedWrites: this.lockedWrites,
      newIteratorId: () => `{${randomUUID()}}`,
    }, text, this.maxVersion);
  }
}
