import type { QbdOperation } from '../qbxml/requests.js';

/**
 * The Web Connector queue of one connection (one company file), as events in its stream
 * `{connection}.qbd.web-connector`: every request the books port queued, every hand-out to a
 * session and every answer, so the queue survives restarts and the trail shows each exchange.
 */
export const queueStream = (connection: string): string => `${connection}.qbd.web-connector`;

/** A write the books port asked for, keyed by the request's idempotency key. */
export interface QbdRequestQueued {
  readonly type: 'QbdRequestQueued.v1';
  readonly data: { readonly requestId: string; readonly operation: QbdOperation; readonly queuedAt: string };
}

/** Given to a Web Connector session: the write itself, or the probe that looks for it. */
export interface QbdRequestHandedOut {
  readonly type: 'QbdRequestHandedOut.v1';
  readonly data: {
    readonly requestId: string; readonly ticket: string; readonly step: 'write' | 'probe'; readonly handedOutAt: string;
    /** A read's page: the first (Start, earlier pages forgotten) or the next of this session's iterator. */
    readonly iterator?: 'Start' | 'Continue';
  };
}

/**
 * QuickBooks' answer to a hand-out. `outcome`: written / found (done, with the object),
 * not-found (a probe: write next), refused (done, the books said no), retry (a lock or an
 * internal error: sent again in a later session), stale (3200: the EditSequence is out of date;
 * the probe reads the current one, then the write goes again), page (a read's objects, `rets`;
 * more to come while `iteratorRemainingCount` is above zero).
 */
export interface QbdResponseRecorded {
  readonly type: 'QbdResponseRecorded.v1';
  readonly data: {
    readonly requestId: string;
    readonly ticket: string;
    readonly step: 'write' | 'probe';
    readonly outcome: 'written' | 'found' | 'not-found' | 'refused' | 'retry' | 'stale' | 'page';
    readonly statusCode: number;
    readonly statusSeverity: string;
    readonly statusMessage: string;
    readonly ret: Readonly<Record<string, unknown>> | null;
    readonly receivedAt: string;
    readonly rets?: ReadonlyArray<Readonly<Record<string, unknown>>>;
    readonly iteratorId?: string;
    readonly iteratorRemainingCount?: number;
  };
}

/** The books port told the dispatcher of a refusal: a later call with the same key (an operator's retry) queues it afresh. */
export interface QbdRefusalReported {
  readonly type: 'QbdRefusalReported.v1';
  readonly data: { readonly requestId: string; readonly at: string };
}

/** Queued afresh after a reported refusal (the operator fixed the cause and retried). */
export interface QbdRequestRequeued {
  readonly type: 'QbdRequestRequeued.v1';
  readonly data: { readonly requestId: string; readonly at: string };
}

/** A session began (authenticate accepted) with work, or none. */
export interface QbdSessionOpened {
  readonly type: 'QbdSessionOpened.v1';
  readonly data: { readonly ticket: string; readonly userName: string; readonly pending: number; readonly openedAt: string };
}

/** The Web Connector reported a failure: it could not reach QuickBooks, or the request processor failed (HRESULT). */
export interface QbdSessionFailed {
  readonly type: 'QbdSessionFailed.v1';
  readonly data: { readonly ticket: string; readonly where: 'connectionError' | 'receiveResponseXML'; readonly hresult: string; readonly message: string; readonly at: string };
}

export interface QbdSessionClosed {
  readonly type: 'QbdSessionClosed.v1';
  readonly data: { readonly ticket: string; readonly closedAt: string };
}

export type QbdQueueEvent = QbdRequestQueued | QbdRequestHandedOut | QbdResponseRecorded | QbdRefusalReported | QbdRequestRequeued | QbdSessionOpened | QbdSessionFailed | QbdSessionClosed;
