import type { QbdCompany } from '../company/company.js';
import type { XmlNode } from './xml.js';
import type { QbStatus } from './status.js';

/** An open query iterator: the ids still to hand out, for the request type that started it. */
export interface OpenIterator {
  readonly request: string;
  remaining: string[];
}

/**
 * What lives as long as one connection to QuickBooks (one Web Connector session): the qbXML
 * version in use and the open iterators, which cannot be continued from another session.
 */
export interface RequestContext {
  readonly company: QbdCompany;
  readonly version: number;
  readonly iterators: Map<string, OpenIterator>;
  readonly newIteratorId: () => string;
  /** Writes still to fail with 3180 (record locked by another user): a fault switch. */
  lockedWrites: { remaining: number };
}

export interface HandlerResult {
  readonly rets: readonly XmlNode[];
  readonly attrs?: Readonly<Record<string, string>>;
  /** An Info or Warn status that still carries data (1 no match, 500 partial). */
  readonly status?: QbStatus;
}
