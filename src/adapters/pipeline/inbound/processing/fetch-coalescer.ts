/**
 * Tells which notices a fetch has already answered. A notice recorded in the inbox before a
 * fetch of its resource started announces a change that fetch already saw (the sender changed
 * the resource, then notified us, then we recorded the notice), so fetching again would read
 * the same document and spend a metered call. Bursts are the norm: Procore sends an update per
 * edit and several for one approval, and each fetch of a requisition costs several reads
 * against an hourly limit.
 *
 * Two cautions keep it safe. A margin leaves notices recorded just before a fetch to a fetch
 * of their own, since a vendor's reads may lag its own webhooks, and clocks may differ a
 * little (the store stamps `recordedAt`: the hub itself on PostgreSQL, the server on
 * EventStoreDB). Only fetches that completed count. Memory is bounded: forgetting a resource
 * costs one read, never a change, and the reconciliation poll still catches anything missed.
 */
export class FetchCoalescer {
  /** When the last completed fetch of each resource started (epoch ms), oldest first. */
  private readonly started = new Map<string, number>();

  constructor(private readonly marginMs = 2_000, private readonly capacity = 10_000) {}

  /** True when a completed fetch of `resource` started at least the margin after the notice was recorded. */
  answered(resource: string, recordedAtMs: number): boolean {
    const startedAt = this.started.get(resource);
    return startedAt !== undefined && Number.isFinite(recordedAtMs) && recordedAtMs + this.marginMs <= startedAt;
  }

  /** A fetch of `resource` that started at `startedAtMs` completed. */
  fetched(resource: string, startedAtMs: number): void {
    const previous = this.started.get(resource);
    this.started.delete(resource);
    this.started.set(resource, Math.max(previous ?? startedAtMs, startedAtMs));
    if (this.started.size > this.capacity) this.started.delete(this.started.keys().next().value!);
  }
}
