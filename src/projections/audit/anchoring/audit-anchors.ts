import type { EventStore, GlobalChainVerifyResult } from '../../../eventstore/index.js';
import { anchoredHead, anchorProblem, signAnchor, type Anchor } from './anchor.js';
import type { AnchorSink } from './anchor-sink.js';

/** Raised when anchoring cannot run at all: no key, or a store that keeps no global chain. */
export class AnchoringUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnchoringUnavailableError';
  }
}

export interface GlobalCheck {
  /** False when no key is configured or the store keeps no global chain: only stream chains were checked. */
  readonly checked: boolean;
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly unchainedEvents: number;
  readonly anchor: { readonly anchoredAt: string; readonly events: number } | null;
  /** Why the check could not be trusted (unreadable sink, forged anchor, no key), or null. */
  readonly problem: string | null;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly streamsChecked: number;
  readonly eventsChecked: number;
  /** The first event that differs: from the global chain (with its position) or else a stream chain. */
  readonly firstBroken: { readonly streamName: string; readonly revision: number; readonly eventId: string; readonly reason: string; readonly position: string | null } | null;
  readonly globalChain: GlobalCheck;
}

const unchecked = (problem: string): GlobalCheck => ({ checked: false, ok: true, eventsChecked: 0, unchainedEvents: 0, anchor: null, problem });

/** Signs the global chain's head into a sink outside the database, and checks history against it. */
export class AuditAnchors {
  private lastWritten: Anchor | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly key: Buffer | undefined,
    readonly sink: AnchorSink,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get enabled(): boolean {
    return this.key !== undefined && this.store.globalChain !== undefined;
  }

  /** Extends the chain over new events and writes a signed anchor of its head (unless nothing moved since the last one). */
  async anchor(): Promise<{ anchor: Anchor; written: boolean }> {
    const chain = this.store.globalChain;
    if (!this.key) throw new AnchoringUnavailableError('anchoring needs TRESTLE_AUDIT_KEY (32 bytes: openssl rand -hex 32)');
    if (!chain) throw new AnchoringUnavailableError('this event store keeps no global chain (anchoring is for the PostgreSQL store)');
    const head = await chain.extend(this.key);
    if (this.lastWritten && this.lastWritten.events === head.events && this.lastWritten.link === head.link) return { anchor: this.lastWritten, written: false };
    const anchor = signAnchor(this.key, head, this.now().toISOString());
    await this.sink.write(anchor);
    this.lastWritten = anchor;
    return { anchor, written: true };
  }

  async verify(streamPrefix?: string): Promise<AuditVerification> {
    const streams = await this.store.verify(streamPrefix);
    const global = await this.checkGlobal();
    const brokenGlobal = global.result?.firstBroken;
    const brokenStream = streams.firstBroken && { ...streams.firstBroken, position: null };
    return {
      ok: streams.ok && global.check.ok,
      streamsChecked: streams.streamsChecked,
      eventsChecked: streams.eventsChecked,
      firstBroken: brokenGlobal ?? brokenStream ?? null,
      globalChain: global.check,
    };
  }

  private async checkGlobal(): Promise<{ check: GlobalCheck; result?: GlobalChainVerifyResult }> {
    const chain = this.store.globalChain;
    if (!this.key) return { check: unchecked('no TRESTLE_AUDIT_KEY: only the stream chains were checked, which the database owner can recompute') };
    if (!chain) return { check: unchecked('this event store keeps no global chain') };
    let latest: Anchor | undefined;
    try {
      latest = await this.sink.latest();
    } catch (error) {
      return { check: { ...unchecked(`cannot read the anchors (${this.sink.description}): ${(error as Error).message}`), checked: true, ok: false } };
    }
    const forged = latest && anchorProblem(this.key, latest);
    const anchor = latest ? { anchoredAt: latest.anchoredAt, events: latest.events } : null;
    if (forged) return { check: { ...unchecked(forged), checked: true, ok: false, anchor } };
    const result = await chain.verify(this.key, latest && anchoredHead(latest));
    const check: GlobalCheck = { checked: true, ok: result.ok, eventsChecked: result.eventsChecked, unchainedEvents: result.unchainedEvents, anchor, problem: null };
    return { check, result };
  }
}
