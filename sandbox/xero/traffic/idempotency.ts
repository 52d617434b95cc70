import { createHash } from 'node:crypto';

/**
 * Idempotency-Key handling. Xero documents the header (≤128 chars) but not its replay
 * semantics (UNCONFIRMED), so the simulator takes the strict reading, after the IETF
 * Idempotency-Key draft: keys are per tenant and kept 24 hours; a repeat of the same
 * request replays the stored answer without running it again; the same key with a
 * different request is 422; a repeat while the first is still running is 409.
 */
export const MAX_KEY_LENGTH = 128;
export const RETENTION_MS = 24 * 3600_000;

interface Entry {
  readonly fingerprint: string;
  readonly createdMs: number;
  response?: { readonly status: number; readonly body: unknown };
}

export type Claim =
  | { readonly kind: 'new' }
  | { readonly kind: 'replay'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'in-flight' };

export const fingerprint = (method: string, url: string, body: unknown): string =>
  createHash('sha256').update(`${method} ${url}\n${JSON.stringify(body ?? null)}`).digest('hex');

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  claim(tenantId: string, key: string, print: string): Claim {
    this.expire();
    const id = `${tenantId}\n${key}`;
    const entry = this.entries.get(id);
    if (!entry) {
      this.entries.set(id, { fingerprint: print, createdMs: this.now() });
      return { kind: 'new' };
    }
    if (entry.fingerprint !== print) return { kind: 'mismatch' };
    if (!entry.response) return { kind: 'in-flight' };
    return { kind: 'replay', ...entry.response };
  }

  complete(tenantId: string, key: string, status: number, body: unknown): void {
    const entry = this.entries.get(`${tenantId}\n${key}`);
    if (entry) entry.response = { status, body };
  }

  /** The request failed before it had an answer (a crash): the key may be used again. */
  release(tenantId: string, key: string): void {
    this.entries.delete(`${tenantId}\n${key}`);
  }

  private expire(): void {
    const cutoff = this.now() - RETENTION_MS;
    for (const [id, entry] of this.entries) if (entry.createdMs < cutoff) this.entries.delete(id);
  }
}
