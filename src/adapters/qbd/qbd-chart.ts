import type { BooksChart, ChartEntry } from '../../domain/mapping/index.js';
import { retText } from './qbxml/qbxml-document.js';
import { el, leaf } from './qbxml/qbxml-node.js';
import { PAGE_SIZE, readOperation } from './qbxml/requests.js';
import type { QbdQueue } from './queue/qbd-queue.js';
import type { QueueEntry } from './queue/queue-state.js';

type Ret = Readonly<Record<string, unknown>>;

/** The lists `mapping check` validates against, each read whole (every page, active or not) through the Web Connector. */
const LISTS = { accounts: 'Account', items: 'Item', classes: 'Class', customers: 'Customer' } as const;
type ListKey = keyof typeof LISTS;

const prefixOf = (list: string): string => `read:chart:${list}:`;

/** `Item` answers every kind of item (ItemServiceRet, ItemNonInventoryRet, …): all are the chart's items. */
const listRead = (list: string) => readOperation(`the ${list} list`, el(`${list}QueryRq`, [leaf('MaxReturned', String(PAGE_SIZE)), leaf('ActiveStatus', 'All')]));

/** A list object as the mapping names it: ListID, or FullName (a hierarchical `Parent:Child`); `name` is its own Name. */
const entryOf = (ret: Ret): ChartEntry => ({
  id: retText(ret, 'ListID'), name: retText(ret, 'Name'), fullName: retText(ret, 'FullName') || retText(ret, 'Name'),
  ...(retText(ret, 'IsActive') === 'false' ? { active: false } : {}),
});

const readsOf = (entries: Iterable<QueueEntry>, list: string): QueueEntry[] => {
  const prefix = prefixOf(list);
  return [...entries].filter((e) => e.requestId.startsWith(prefix)).sort((a, b) => Number(a.requestId.slice(prefix.length)) - Number(b.requestId.slice(prefix.length)));
};

/**
 * The QuickBooks Desktop chart, cached in the connection's queue stream (each list read is an
 * event). A check queues a fresh read of each list (one at a time) for the next Web Connector
 * session and answers from the latest answered reads; with none yet it waits `waitMs`, then says
 * what to do.
 */
export const readQbdChart = async (queue: QbdQueue, connection: string, now: string, waitMs: number): Promise<BooksChart> => {
  const state = await queue.state(connection);
  const wanted: Array<{ key: ListKey; requestId: string | null }> = [];
  for (const key of Object.keys(LISTS) as ListKey[]) {
    const reads = readsOf(state.entries.values(), LISTS[key]);
    const latest = reads.at(-1);
    let requestId: string | null = latest && latest.result === null ? latest.requestId : null;
    if (!requestId) {
      requestId = `${prefixOf(LISTS[key])}${reads.length + 1}`;
      await queue.enqueue(connection, requestId, listRead(LISTS[key]), now);
    }
    wanted.push({ key, requestId });
  }
  const signal = AbortSignal.timeout(Math.max(waitMs, 1));
  const chart: Partial<Record<ListKey, ChartEntry[]>> = {};
  for (const { key, requestId } of wanted) {
    const answered = readsOf((await queue.state(connection)).entries.values(), LISTS[key]).filter((e) => e.result?.ok).at(-1)
      ?? (requestId ? await queue.waitForResult(connection, requestId, waitMs, signal) : undefined);
    if (!answered?.result?.ok) {
      throw new Error(`QuickBooks Desktop (${connection}): the ${LISTS[key]} list is read through the Web Connector and no session has answered yet. `
        + 'Run the Web Connector (Update Selected), then check again.');
    }
    chart[key] = (answered.result.rets ?? []).map(entryOf);
  }
  return { accounts: chart.accounts ?? [], items: chart.items ?? [], classes: chart.classes ?? [], customers: chart.customers ?? [], purchaseOrdersTakeItemsOnly: true };
};
