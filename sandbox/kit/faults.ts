/**
 * Fault injection for the sandbox simulators: the failures a real API produces, on demand,
 * so the hub's retries, breakers and idempotency are tested against what really happens.
 */
export type FaultRule =
  /** 503 for every matching call until the window ends (never, with `Infinity`, until `remove`d); Retry-After when given. */
  | { readonly kind: 'outage'; readonly durationMs: number; readonly retryAfterSeconds?: number }
  /** The next `count` matching calls get the service's 429. */
  | { readonly kind: 'throttle'; readonly count: number; readonly retryAfterSeconds?: number }
  /** Adds `ms` before matching calls are handled, for `count` calls (all when omitted). */
  | { readonly kind: 'latency'; readonly ms: number; readonly count?: number }
  /** The write is applied, then the connection is dropped with no answer: the ambiguous case. */
  | { readonly kind: 'timeout-after-write'; readonly count: number };

export type WebhookFault =
  | { readonly kind: 'drop'; readonly count?: number }
  | { readonly kind: 'duplicate'; readonly copies: number; readonly count?: number }
  /** Holds deliveries back and sends them newest first, once `batch` are held. */
  | { readonly kind: 'reorder'; readonly batch: number };

export interface FaultMatch {
  readonly method?: string;
  /** Substring of the request path. */
  readonly path?: string;
}

interface ActiveRule {
  readonly id: number;
  readonly rule: FaultRule;
  readonly match: FaultMatch;
  remaining: number;
  readonly until: number;
}

export type FaultDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'outage'; readonly retryAfterSeconds?: number }
  | { readonly kind: 'throttle'; readonly retryAfterSeconds?: number };

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private nextId = 1;
  webhookFaults: WebhookFault[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  add(rule: FaultRule, match: FaultMatch = {}): number {
    const id = this.nextId++;
    const count = 'count' in rule && rule.count !== undefined ? rule.count : Number.POSITIVE_INFINITY;
    const until = rule.kind === 'outage' ? this.now() + rule.durationMs : Number.POSITIVE_INFINITY;
    this.rules.push({ id, rule, match, remaining: count, until });
    return id;
  }

  addWebhookFault(fault: WebhookFault): void {
    this.webhookFaults.push(fault);
  }

  /** Ends one rule, e.g. an outage a test lifts once it has seen what the outage should cause. */
  remove(id: number): void {
    this.rules = this.rules.filter((rule) => rule.id !== id);
  }

  clear(): void {
    this.rules = [];
    this.webhookFaults = [];
  }

  list(): ReadonlyArray<{ id: number; rule: FaultRule; match: FaultMatch; remaining: number }> {
    this.expire();
    return this.rules.map(({ id, rule, match, remaining }) => ({ id, rule, match, remaining }));
  }

  /** Outage or throttle decision for a call, consuming one use of a counted rule. */
  decide(method: string, path: string): FaultDecision {
    this.expire();
    for (const active of this.matching(method, path)) {
      if (active.rule.kind === 'outage') return { kind: 'outage', retryAfterSeconds: active.rule.retryAfterSeconds };
      if (active.rule.kind === 'throttle') {
        active.remaining--;
        return { kind: 'throttle', retryAfterSeconds: active.rule.retryAfterSeconds };
      }
    }
    return { kind: 'none' };
  }

  latencyFor(method: string, path: string): number {
    let total = 0;
    for (const active of this.matching(method, path)) {
      if (active.rule.kind !== 'latency') continue;
      active.remaining--;
      total += active.rule.ms;
    }
    return total;
  }

  /** True when this write should be applied and then left unanswered. */
  dropAfterWrite(method: string, path: string): boolean {
    for (const active of this.matching(method, path)) {
      if (active.rule.kind !== 'timeout-after-write') continue;
      active.remaining--;
      return true;
    }
    return false;
  }

  private matching(method: string, path: string): ActiveRule[] {
    return this.rules.filter((r) => r.remaining > 0
      && (!r.match.method || r.match.method.toUpperCase() === method.toUpperCase())
      && (!r.match.path || path.includes(r.match.path)));
  }

  private expire(): void {
    const now = this.now();
    this.rules = this.rules.filter((r) => r.remaining > 0 && r.until > now);
  }
}
