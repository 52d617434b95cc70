import type { QbdOperation } from '../qbxml/requests.js';
import type { QbdQueueEvent, QbdResponseRecorded } from './queue-events.js';

/** Lock and internal errors (qbd §6: 1000, 3170-3180) are sent again, at most this many times, then refused. */
export const MAX_RETRIES = 5;

type Ret = Readonly<Record<string, unknown>>;

export type QueueEntryResult =
  /** `ret` null: a lookup that found nothing. `rets`: a read's objects, every page. */
  | { readonly ok: true; readonly ret: Ret | null; readonly created: boolean; readonly rets?: readonly Ret[] }
  | { readonly ok: false; readonly statusCode: number; readonly message: string };

export interface QueueEntry {
  readonly requestId: string;
  readonly operation: QbdOperation;
  /** Ask before writing: find-or-create, or a write handed out whose answer never came (ambiguous). */
  readonly needsProbe: boolean;
  /** The session holding it now; a later session treats it as ambiguous. */
  readonly inFlight: { readonly ticket: string; readonly step: 'write' | 'probe' } | null;
  readonly retries: number;
  /** The EditSequence QuickBooks holds now, learnt by a probe after a stale one (3200); null: the write's own. */
  readonly editSequence: string | null;
  readonly result: QueueEntryResult | null;
  /** The refusal in `result` reached the dispatcher; the next call for this request queues it again. */
  readonly refusalReported: boolean;
  /** A read's objects so far, from the pages of its current iterator. */
  readonly pages: readonly Ret[];
  /** A read with pages left: its iterator, good only in the session that started it (qbd §4). */
  readonly iterator: { readonly id: string; readonly ticket: string } | null;
}

export interface QueueState {
  /** In the order queued. */
  readonly entries: ReadonlyMap<string, QueueEntry>;
}

export const emptyQueue: QueueState = { entries: new Map() };

const answered = (entry: QueueEntry, data: QbdResponseRecorded['data']): QueueEntry => {
  const base = { ...entry, inFlight: null };
  switch (data.outcome) {
    case 'written': return { ...base, needsProbe: false, result: { ok: true, ret: data.ret ?? {}, created: true } };
    case 'found': return { ...base, needsProbe: false, result: { ok: true, ret: data.ret ?? {}, created: false } };
    case 'not-found': {
      if (entry.operation.write === null) return { ...base, result: { ok: true, ret: null, created: false } };
      const current = data.ret?.EditSequence;
      return { ...base, needsProbe: false, editSequence: typeof current === 'string' && current ? current : entry.editSequence };
    }
    case 'stale': {
      const retries = entry.retries + 1;
      return retries > MAX_RETRIES
        ? { ...base, retries, result: { ok: false, statusCode: data.statusCode, message: `${data.statusMessage} (still stale after ${MAX_RETRIES} re-reads)` } }
        : { ...base, retries, needsProbe: true };
    }
    case 'refused': return { ...base, result: { ok: false, statusCode: data.statusCode, message: data.statusMessage } };
    case 'page': {
      const pages = [...entry.pages, ...(data.rets ?? [])];
      return (data.iteratorRemainingCount ?? 0) > 0 && data.iteratorId
        ? { ...base, pages, iterator: { id: data.iteratorId, ticket: data.ticket } }
        : { ...base, pages: [], iterator: null, result: { ok: true, ret: null, created: false, rets: pages } };
    }
    case 'retry': {
      const retries = entry.retries + 1;
      // A write QuickBooks answered with an error did not happen: no probe needed before the next one.
      const needsProbe = data.step === 'write' ? entry.operation.probeFirst : entry.needsProbe;
      return retries > MAX_RETRIES
        ? { ...base, retries, result: { ok: false, statusCode: data.statusCode, message: `${data.statusMessage} (still after ${MAX_RETRIES} sessions)` } }
        : { ...base, retries, needsProbe };
    }
  }
};

/** Pure fold of the queue stream. */
export const evolveQueue = (state: QueueState, event: QbdQueueEvent): QueueState => {
  const entries = new Map(state.entries);
  switch (event.type) {
    case 'QbdRequestQueued.v1': {
      const { requestId, operation } = event.data;
      if (!entries.has(requestId)) {
        entries.set(requestId, {
          requestId, operation, needsProbe: operation.probeFirst, inFlight: null, retries: 0, editSequence: null, result: null, refusalReported: false, pages: [], iterator: null,
        });
      }
      return { entries };
    }
    case 'QbdRequestHandedOut.v1': {
      const entry = entries.get(event.data.requestId);
      if (!entry || entry.result) return state;
      // Once a write is out, only a probe may follow until its answer is in: the write may have happened.
      const restart = event.data.iterator === 'Start' ? { pages: [], iterator: null } : {};
      entries.set(entry.requestId, { ...entry, ...restart, inFlight: { ticket: event.data.ticket, step: event.data.step }, needsProbe: entry.needsProbe || event.data.step === 'write' });
      return { entries };
    }
    case 'QbdResponseRecorded.v1': {
      const entry = entries.get(event.data.requestId);
      if (!entry || entry.result || entry.inFlight?.ticket !== event.data.ticket || entry.inFlight.step !== event.data.step) return state;
      entries.set(entry.requestId, answered(entry, event.data));
      return { entries };
    }
    case 'QbdRefusalReported.v1': {
      const entry = entries.get(event.data.requestId);
      if (!entry || entry.result?.ok !== false) return state;
      entries.set(entry.requestId, { ...entry, refusalReported: true });
      return { entries };
    }
    case 'QbdRequestRequeued.v1': {
      const entry = entries.get(event.data.requestId);
      if (!entry || !entry.refusalReported) return state;
      entries.set(entry.requestId, { ...entry, result: null, refusalReported: false, retries: 0, inFlight: null, needsProbe: entry.operation.probeFirst, pages: [], iterator: null });
      return { entries };
    }
    case 'QbdSessionOpened.v1':
    case 'QbdSessionFailed.v1':
    case 'QbdSessionClosed.v1':
      return state;
  }
};

/** Waiting for a session: no result yet. */
export const pendingEntries = (state: QueueState): QueueEntry[] => [...state.entries.values()].filter((e) => e.result === null);

/** What a session hands out next: the first pending entry not already out in this very session. */
export const nextForSession = (state: QueueState, ticket: string): { entry: QueueEntry; step: 'write' | 'probe' } | null => {
  const entry = pendingEntries(state).find((e) => e.inFlight?.ticket !== ticket);
  return entry ? { entry, step: entry.needsProbe || entry.operation.write === null ? 'probe' : 'write' } : null;
};

/** How a read is handed out in this session: continuing its iterator when this session started it, else from the start. */
export const iteratorStep = (entry: QueueEntry, ticket: string): { iterator: 'Start' } | { iterator: 'Continue'; iteratorId: string } | null => {
  if (entry.operation.match.by !== 'all') return null;
  return entry.iterator?.ticket === ticket ? { iterator: 'Continue', iteratorId: entry.iterator.id } : { iterator: 'Start' };
};
