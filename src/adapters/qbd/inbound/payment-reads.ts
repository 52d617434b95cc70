import { pollNoticeId, type ChangeNotice } from '../../pipeline/inbound/inbox/inbox-events.js';
import type { PollResult, ResourcePoll } from '../../pipeline/inbound/polling/poll-types.js';
import { el, leaf } from '../qbxml/qbxml-node.js';
import { PAGE_SIZE, readOperation } from '../qbxml/requests.js';
import type { QbdQueue } from '../queue/qbd-queue.js';
import type { QueueEntry, QueueState } from '../queue/queue-state.js';
import type { BooksPaymentSnapshot } from '../../../domain/documents/snapshots.js';
import { normaliseQbdPayment, QBD_PAYMENT_KINDS, qbdVersionOf, type QbdPaymentType } from './normalise-qbd-payment.js';

type Ret = Readonly<Record<string, unknown>>;

/** `read:payments:BillPaymentCheck:7`: the seventh read of bill payments by check, in the connection's queue. */
const readPrefix = (type: QbdPaymentType): string => `read:payments:${type}:`;

/** The inbox resource of a payment type (its notices' `resource`). */
export const PAYMENT_RESOURCE: Readonly<Record<QbdPaymentType, string>> = {
  BillPaymentCheck: 'BillPaymentCheck', BillPaymentCreditCard: 'BillPaymentCreditCard', ReceivePayment: 'ReceivePayment',
};

/**
 * Payments modified since a day (ModifiedDateRangeFilter with a date: both readings of its
 * type accept it; the overlap of up to a day is deduplicated by the inbox), every page of them.
 */
const paymentRead = (type: QbdPaymentType, fromDate: string | null, pageSize: number) => readOperation(
  `${type} payments modified since ${fromDate ?? 'the start'}`,
  el(`${type}QueryRq`, [leaf('MaxReturned', String(pageSize)), fromDate ? el('ModifiedDateRangeFilter', [leaf('FromModifiedDate', fromDate)]) : undefined]),
);

const noticeOf = (connection: string, type: QbdPaymentType, ret: Ret): ChangeNotice | null => {
  const id = typeof ret.TxnID === 'string' ? ret.TxnID : '';
  if (!id) return null;
  const version = qbdVersionOf(ret);
  const resource = PAYMENT_RESOURCE[type];
  return { connection, source: 'qbd', resource, resourceId: id, projectId: null, action: 'update', occurredAt: version || null, version, noticeId: pollNoticeId(resource, id, version), raw: ret };
};

/** The day the next read starts: the latest TimeModified seen, as QuickBooks wrote it (its local date). */
const nextFrom = (done: QueueEntry | undefined, previousFrom: string | null): string | null => {
  const latest = (done?.result?.ok ? done.result.rets ?? [] : [])
    .map((r) => (typeof r.TimeModified === 'string' ? r.TimeModified.slice(0, 10) : ''))
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort().at(-1);
  return latest ?? previousFrom;
};

const fromOf = (entry: QueueEntry | undefined): string | null => {
  const text = entry ? JSON.stringify(entry.operation.probe) : '';
  return /"FromModifiedDate":\[\{"#text":"([^"]+)"/.exec(text)?.[1] ?? null;
};

/**
 * Payments made in QuickBooks Desktop, read through the Web Connector: each poll queues the next
 * read once the last one is answered, and announces what the latest answered read returned (the
 * inbox drops notices it already holds, so announcing them again after a crash is harmless).
 */
export const paymentPoll = (queue: QbdQueue, connection: string, type: QbdPaymentType, pageSize = PAGE_SIZE): ResourcePoll => ({
  key: `qbd:${type}`,
  run: async (): Promise<PollResult> => {
    const state = await queue.state(connection);
    const reads = [...state.entries.values()].filter((e) => e.requestId.startsWith(readPrefix(type)));
    const numberOf = (e: QueueEntry) => Number(e.requestId.slice(readPrefix(type).length));
    const latest = reads.sort((a, b) => numberOf(a) - numberOf(b)).at(-1);
    const answered = reads.filter((e) => e.result !== null).at(-1);
    const notices = answered?.result?.ok ? (answered.result.rets ?? []).flatMap((r) => noticeOf(connection, type, r) ?? []) : [];
    if (!latest || latest.result !== null) {
      const n = latest ? numberOf(latest) + 1 : 1;
      await queue.enqueue(connection, `${readPrefix(type)}${n}`, paymentRead(type, nextFrom(latest, fromOf(latest)), pageSize), new Date().toISOString());
    }
    return { notices };
  },
});

export const paymentPolls = (queue: QbdQueue, connection: string, pageSize = PAGE_SIZE): ResourcePoll[] =>
  (Object.keys(QBD_PAYMENT_KINDS) as QbdPaymentType[]).map((type) => paymentPoll(queue, connection, type, pageSize));

/** The payment `id` as the latest answered read returned it; null when none has. */
export const paymentSeen = (state: QueueState, kind: BooksPaymentSnapshot['kind'], id: string): BooksPaymentSnapshot | null => {
  let seen: BooksPaymentSnapshot | null = null;
  for (const type of Object.keys(QBD_PAYMENT_KINDS) as QbdPaymentType[]) {
    if (QBD_PAYMENT_KINDS[type].kind !== kind) continue;
    for (const entry of state.entries.values()) {
      if (!entry.requestId.startsWith(readPrefix(type)) || !entry.result?.ok) continue;
      const ret = (entry.result.rets ?? []).find((r) => r.TxnID === id);
      if (ret) seen = normaliseQbdPayment(type, { ...ret }).snapshot;
    }
  }
  return seen;
};
