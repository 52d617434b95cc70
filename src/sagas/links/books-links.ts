import type { EventStore, RecordedEvent } from '../../eventstore/index.js';
import type { BooksJobResolved, BooksVendorResolved } from '../../domain/posting/posting-outcomes.js';
import type { BooksRef } from '../../domain/shared/books-ref.js';

/** Which books object stands for a construction-side party: a vendor, a project's job. */
type LinkKind = 'vendor' | 'job';

const LINK_EVENTS = ['BooksVendorResolved.v1', 'BooksJobResolved.v1'] as const satisfies readonly (BooksVendorResolved | BooksJobResolved)['type'][];

/**
 * An in-memory index of the books vendors and jobs the dispatcher has resolved, rebuilt from
 * the outcome events at every start and kept current by a live subscription. Sagas read it
 * as context so one lookup serves every later invoice; a miss only costs a second lookup.
 */
export class BooksLinks {
  private readonly links = new Map<string, BooksRef>();
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(private readonly store: EventStore) {}

  get(connection: string, kind: LinkKind, externalId: string): BooksRef | null {
    return this.links.get(`${connection}|${kind}|${externalId}`) ?? null;
  }

  /** Also fed directly by the runner, so an outcome it just handled is known at once. */
  record(event: RecordedEvent): void {
    const connection = event.metadata.connection;
    if (!connection) return;
    if (event.type === 'BooksVendorResolved.v1') {
      const data = event.data as { vendorId: string; vendorRef: BooksRef };
      this.links.set(`${connection}|vendor|${data.vendorId}`, data.vendorRef);
    } else if (event.type === 'BooksJobResolved.v1') {
      const data = event.data as { projectId: string; customerRef: BooksRef };
      this.links.set(`${connection}|job|${data.projectId}`, data.customerRef);
    }
  }

  start(): void {
    this.loop ??= (async () => {
      for await (const event of this.store.subscribeToAll({ filter: { eventTypes: LINK_EVENTS }, signal: this.abort.signal })) this.record(event);
    })().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }
}
