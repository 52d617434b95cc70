import { BUDGET_INPUT_TYPES, budgetLineOf, evolveBudget, initialBudgetState, type BudgetInput, type BudgetLine } from '../../../src/domain/budget/index.js';
import { evolveRetainageHeld, initialRetainageHeldState, retainageHeldFor, type RetainageHeldChanged } from '../../../src/domain/owner-invoices/index.js';
import type { EventStore, RecordedEvent } from '../../../src/eventstore/index.js';
import type { QuickBooksSandbox } from '../../../sandbox/quickbooks/index.js';

/** The sample project and its books (sandbox/sample/sample-project.ts). */
export const PROJECT = '2468013';
export const CONNECTION = 'demo';

/** Every recorded fact of these types, saga input copies left out (they repeat a fact recorded elsewhere). */
export const factsOf = async (store: EventStore, types: readonly string[]): Promise<RecordedEvent[]> => {
  const facts: RecordedEvent[] = [];
  for (let after; ;) {
    const page = await store.readAll({ after, maxCount: 1000, filter: { eventTypes: types } });
    facts.push(...page.filter((e) => e.metadata.inputStream === undefined && e.metadata.connection === CONNECTION));
    if (page.length < 1000) return facts;
    after = page.at(-1)!.position;
  }
};

export interface BudgetCellView {
  /** The budget model's line (src/domain/budget), each cause applied once. */
  readonly line: BudgetLine;
  /** The plain sum of every CommittedCostAdjusted.v1 delta recorded for the cell: equal to `line.committed` only if nothing was recorded twice. */
  readonly committedRaw: number;
  readonly revisedRaw: number;
}

export const budgetCell = async (store: EventStore, costCode: string, costType: string): Promise<BudgetCellView> => {
  const facts = await factsOf(store, BUDGET_INPUT_TYPES);
  const model = facts.reduce((s, e) => evolveBudget(s, { type: e.type, data: e.data } as BudgetInput), initialBudgetState);
  const inCell = (e: RecordedEvent, type: string) => {
    const d = e.data as { projectId: string; costCode: string; costType: string | null };
    return e.type === type && d.projectId === PROJECT && d.costCode === costCode && d.costType === costType;
  };
  const sum = (type: string) => facts.filter((e) => inCell(e, type)).reduce((total, e) => total + (e.data as { delta: number }).delta, 0);
  return { line: budgetLineOf(model, { projectId: PROJECT, costCode, costType }), committedRaw: sum('CommittedCostAdjusted.v1'), revisedRaw: sum('BudgetRevised.v1') };
};

export const retainageHeld = async (store: EventStore): Promise<number> => {
  const facts = await factsOf(store, ['RetainageHeldChanged.v1']);
  return retainageHeldFor(facts.reduce((s, e) => evolveRetainageHeld(s, e as unknown as RetainageHeldChanged), initialRetainageHeldState), PROJECT);
};

export const sagaStream = (saga: string, type: string, id: string): string => `${CONNECTION}.saga.${saga}-${type}-${id}`;

export const hasEvent = async (store: EventStore, stream: string, type: string, where: (data: Record<string, unknown>) => boolean = () => true): Promise<boolean> =>
  (await store.readStream(stream)).some((e) => e.type === type && e.metadata.inputStream === undefined && where(e.data as Record<string, unknown>));

/** A books document as the QuickBooks sandbox presents it (wire amounts are numbers). */
export type QboDoc = Record<string, unknown> & { Id: string; DocNumber?: string; TotalAmt?: number; Line: QboLine[] };
export type QboLine = Record<string, unknown> & { Id?: string; Amount?: number; DetailType: string; Description?: string };

export const booksList = (quickbooks: QuickBooksSandbox, entity: string, where: (doc: QboDoc) => boolean = () => true): QboDoc[] =>
  (quickbooks.company().list(entity as never) as unknown as QboDoc[]).filter(where);

const detailOf = (line: QboLine): Record<string, { value?: string } | undefined> =>
  (line[line.DetailType] ?? {}) as Record<string, { value?: string } | undefined>;

/** Lines with an amount, as [amount, account or item, class, customer]. */
export const linesOf = (doc: QboDoc): Array<[number, string | undefined, string | undefined, string | undefined]> =>
  doc.Line.filter((l) => l.DetailType !== 'SubTotalLineDetail' && l.DetailType !== 'DescriptionOnly' && typeof l.Amount === 'number')
    .map((l) => {
      const d = detailOf(l);
      return [l.Amount!, (d.AccountRef ?? d.ItemRef)?.value, d.ClassRef?.value, d.CustomerRef?.value];
    });
