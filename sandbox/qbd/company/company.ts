import { el, leaf, textOf, type XmlNode } from '../qbxml/xml.js';
import type { LineRecord, ListRecord, TxnLink, TxnRecord } from './records.js';

export interface CompanyInfo {
  readonly companyName: string;
  /** The path QuickBooks has open, e.g. `C:\Users\Public\Documents\Intuit\QuickBooks\Company Files\Harbor.QBW`. */
  readonly companyFile: string;
}

/** QuickBooks' own time format: local time with offset, seconds precision (here always UTC). */
export const qbTime = (date: Date): string => `${date.toISOString().slice(0, 19)}+00:00`;

/**
 * A QuickBooks Desktop company file held in memory: lists and transactions with ListID/TxnID,
 * EditSequence and TimeCreated/TimeModified. Rules of requests live in the qbXML handlers;
 * this class only stores, names and numbers.
 */
export class QbdCompany {
  private readonly lists = new Map<string, ListRecord>();
  private readonly txns = new Map<string, TxnRecord>();
  private counter = 0x80000001;
  private lastSequence = 0;
  private txnNumber = 0;
  /** Private data extensions on the company (the Web Connector stamps the .qwc's FileID here under its OwnerID). */
  readonly dataExts: Array<{ ownerId: string; name: string; value: string }> = [];

  constructor(readonly info: CompanyInfo, private readonly clock: () => Date = () => new Date()) {}

  now(): string {
    return qbTime(this.clock());
  }

  /** EditSequence: seconds since the epoch, strictly increasing so every change makes the old one stale. */
  private nextSequence(): string {
    const seconds = Math.floor(this.clock().getTime() / 1000);
    this.lastSequence = Math.max(seconds, this.lastSequence + 1);
    return String(this.lastSequence);
  }

  /** IDs in QuickBooks' shape `80000012-1712345678`: a hex counter and the creation second. */
  newId(): string {
    const seconds = Math.floor(this.clock().getTime() / 1000);
    return `${(this.counter++).toString(16).toUpperCase()}-${seconds}`;
  }

  // ---- lists

  addList(kind: string, name: string, fields: XmlNode[], opts: { parentId?: string; isActive?: boolean; listId?: string } = {}): ListRecord {
    const now = this.now();
    const record: ListRecord = {
      kind, listId: opts.listId ?? this.newId(), timeCreated: now, timeModified: now, editSequence: this.nextSequence(),
      name, parentId: opts.parentId, isActive: opts.isActive ?? true, fields,
    };
    this.lists.set(record.listId, record);
    return record;
  }

  /** Marks a list object changed: new EditSequence and TimeModified (a bookkeeper's edit, or a Mod). */
  touchList(record: ListRecord): void {
    record.timeModified = this.now();
    record.editSequence = this.nextSequence();
  }

  listById(listId: string): ListRecord | undefined {
    return this.lists.get(listId);
  }

  listsOf(kinds: readonly string[]): ListRecord[] {
    return [...this.lists.values()].filter((r) => kinds.includes(r.kind));
  }

  fullName(record: ListRecord): string {
    const parent = record.parentId ? this.lists.get(record.parentId) : undefined;
    return parent ? `${this.fullName(parent)}:${record.name}` : record.name;
  }

  sublevel(record: ListRecord): number {
    const parent = record.parentId ? this.lists.get(record.parentId) : undefined;
    return parent ? this.sublevel(parent) + 1 : 0;
  }

  /** Case-insensitive, as QuickBooks compares names. */
  listByFullName(kinds: readonly string[], fullName: string): ListRecord | undefined {
    const wanted = fullName.toLowerCase();
    return this.listsOf(kinds).find((r) => this.fullName(r).toLowerCase() === wanted);
  }

  /** A reference element's ListID + FullName, as every Ret carries it. */
  refNode(name: string, record: ListRecord): XmlNode {
    return el(name, [leaf('ListID', record.listId), leaf('FullName', this.fullName(record))]);
  }

  // ---- transactions

  addTxn(kind: string, fields: XmlNode[], lines: LineRecord[], total: bigint, links: TxnLink[] = []): TxnRecord {
    const now = this.now();
    const record: TxnRecord = {
      kind, txnId: this.newId(), txnNumber: ++this.txnNumber, timeCreated: now, timeModified: now, editSequence: this.nextSequence(),
      fields, lines, total, applied: 0n, links,
    };
    this.txns.set(record.txnId, record);
    return record;
  }

  touchTxn(record: TxnRecord): void {
    record.timeModified = this.now();
    record.editSequence = this.nextSequence();
  }

  /** Deleted transactions, for TxnDeletedQuery. */
  readonly deletedTxns: Array<{ kind: string; txnId: string; timeCreated: string; timeDeleted: string; refNumber?: string }> = [];

  removeTxn(record: TxnRecord): string {
    const timeDeleted = this.now();
    this.txns.delete(record.txnId);
    const refNumber = textOf(el('h', record.fields), 'RefNumber');
    this.deletedTxns.push({ kind: record.kind, txnId: record.txnId, timeCreated: record.timeCreated, timeDeleted, ...(refNumber ? { refNumber } : {}) });
    return timeDeleted;
  }

  txnById(txnId: string): TxnRecord | undefined {
    return this.txns.get(txnId);
  }

  txnsOf(kind: string): TxnRecord[] {
    return [...this.txns.values()].filter((t) => t.kind === kind);
  }

  /** The ListID an entity-like ref of a transaction points at (VendorRef, CustomerRef …). */
  refListId(record: TxnRecord, refName: string): string | undefined {
    const node = record.fields.find((f) => f.name === refName);
    return node ? textOf(node, 'ListID') : undefined;
  }
}
