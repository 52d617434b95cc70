/**
 * The reconciliation's lookups that do not belong to one document: which document a saga
 * stream or a books object belongs to, and what each books payment paid on which bill. It
 * is small (one entry per saga, books object and payment) and kept whole in memory, so
 * routing an event to its document never waits on the database.
 */

export type IndexKind = 'saga' | 'books' | 'payment';

export interface IndexRow {
  readonly kind: IndexKind;
  readonly key: string;
  readonly value: unknown;
}

/** A payment's applications: [books key, cents] pairs. */
export type Applied = ReadonlyArray<readonly [string, number]>;

export interface IndexLookup {
  sagaDoc(saga: string): string | undefined;
  booksDoc(booksKey: string): string | undefined;
}

export class ReconIndex implements IndexLookup {
  private readonly sagas = new Map<string, string>();
  private readonly books = new Map<string, string>();
  private readonly payments = new Map<string, Applied>();
  private readonly paid = new Map<string, number>();
  private readonly dirty = new Set<string>();

  static from(rows: Iterable<IndexRow>): ReconIndex {
    const index = new ReconIndex();
    for (const row of rows) index.restore(row);
    index.dirty.clear();
    return index;
  }

  sagaDoc(saga: string): string | undefined {
    return this.sagas.get(saga);
  }

  booksDoc(booksKey: string): string | undefined {
    return this.books.get(booksKey);
  }

  appliedBy(payment: string): Applied {
    return this.payments.get(payment) ?? [];
  }

  /** What all payments together paid on one books object, in cents. */
  paidOn(booksKey: string): number {
    return this.paid.get(booksKey) ?? 0;
  }

  linkSaga(saga: string, doc: string): void {
    if (this.sagas.get(saga) === doc) return;
    this.sagas.set(saga, doc);
    this.dirty.add(`saga\u0000${saga}`);
  }

  linkBooks(booksKey: string, doc: string): void {
    if (this.books.get(booksKey) === doc) return;
    this.books.set(booksKey, doc);
    this.dirty.add(`books\u0000${booksKey}`);
  }

  /** Replaces what one payment applies (a change or deletion in the books replaces it whole). */
  setPayment(payment: string, applied: Applied): void {
    for (const [key, amount] of this.appliedBy(payment)) this.paid.set(key, this.paidOn(key) - amount);
    for (const [key, amount] of applied) this.paid.set(key, this.paidOn(key) + amount);
    this.payments.set(payment, applied);
    this.dirty.add(`payment\u0000${payment}`);
  }

  get pendingWrites(): number {
    return this.dirty.size;
  }

  /** Entries changed since the last call, for the flush. */
  takeDirty(): IndexRow[] {
    const rows = [...this.dirty].map((entry): IndexRow => {
      const [kind, key] = entry.split('\u0000') as [IndexKind, string];
      const value = kind === 'saga' ? this.sagas.get(key) : kind === 'books' ? this.books.get(key) : this.payments.get(key);
      return { kind, key, value };
    });
    this.dirty.clear();
    return rows;
  }

  private restore(row: IndexRow): void {
    if (row.kind === 'saga' && typeof row.value === 'string') this.linkSaga(row.key, row.value);
    else if (row.kind === 'books' && typeof row.value === 'string') this.linkBooks(row.key, row.value);
    else if (row.kind === 'payment' && Array.isArray(row.value)) this.setPayment(row.key, row.value as Applied);
  }
}
