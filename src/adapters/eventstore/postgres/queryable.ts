import type pg from 'pg';

/** What the read side needs of a pool or a client. */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * Counts queries in flight, so close() can wait for them: pg-pool never serves a query
 * still queued for a connection when the pool ends, and its promise would hang.
 */
export class TrackedQueries implements Queryable {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly pool: pg.Pool) {}

  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    const running = this.pool.query<R>(text, values);
    this.pending.add(running);
    const forget = (): void => { this.pending.delete(running); };
    running.then(forget, forget);
    return running;
  }

  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
