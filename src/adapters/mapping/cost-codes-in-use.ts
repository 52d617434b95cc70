import type { DocumentEventType } from '../../domain/documents/index.js';
import { normaliseCostCode, type CostCodeInUse } from '../../domain/mapping/index.js';
import type { AllPosition, EventStore } from '../../eventstore/index.js';

/**
 * Cost codes in use: every (project, cost code, cost type) on a cost-side document of the
 * connection (subcontractor invoice, commitment, commitment change order, budget line,
 * timecard), in any version, voided ones included (their reversals post too). Owner invoices
 * and prime change orders are revenue and do not go through the cost-code mapping.
 * Names come from `CostCodeObserved.v1` by full code (that event names no project).
 */
const LINE_TYPES = [
  'SubcontractorInvoiceSubmitted.v1', 'SubcontractorInvoiceApproved.v1', 'SubcontractorInvoiceRevised.v1', 'SubcontractorInvoiceVoided.v1',
  'CommitmentCreated.v1', 'CommitmentApproved.v1', 'CommitmentRevised.v1', 'CommitmentVoided.v1',
  'CommitmentChangeOrderCreated.v1', 'CommitmentChangeOrderApproved.v1', 'CommitmentChangeOrderRevised.v1', 'CommitmentChangeOrderVoided.v1',
] as const satisfies readonly DocumentEventType[];
const SINGLE_CODE_TYPES = ['BudgetLineChanged.v1', 'TimecardApproved.v1', 'TimecardRevised.v1', 'TimecardVoided.v1'] as const satisfies readonly DocumentEventType[];
const NAME_TYPE = 'CostCodeObserved.v1' satisfies DocumentEventType;

export const COST_CODE_EVENT_TYPES: readonly string[] = [...LINE_TYPES, ...SINGLE_CODE_TYPES, NAME_TYPE];

type Used = Omit<CostCodeInUse, 'name'>;
type Loose = Readonly<Record<string, unknown>> | undefined;

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

const usedOf = (projectId: unknown, item: Loose): Used | undefined => {
  const project = text(projectId);
  const costCode = text(item?.costCode);
  return project && costCode ? { projectId: project, costCode, costType: text(item?.costType) } : undefined;
};

/** The codes one event names; bad data is skipped, never thrown (a read model copes). */
const codesOf = (type: string, snapshot: Loose): Used[] => {
  if ((LINE_TYPES as readonly string[]).includes(type)) {
    const lines = Array.isArray(snapshot?.lines) ? (snapshot.lines as Loose[]) : [];
    return lines.map((line) => usedOf(snapshot?.projectId, line)).filter((u): u is Used => u !== undefined);
  }
  const single = (SINGLE_CODE_TYPES as readonly string[]).includes(type) ? usedOf(snapshot?.projectId, snapshot) : undefined;
  return single ? [single] : [];
};

/** Tallies document events (type and data) into the distinct cost codes in use, named where known. */
export class CostCodeTally {
  private readonly names = new Map<string, string>();
  private readonly used = new Map<string, Used>();

  add(event: { readonly type: string; readonly data: unknown }): void {
    const snapshot = (event.data as Loose)?.snapshot as Loose;
    if (event.type === NAME_TYPE) {
      const code = text(snapshot?.fullCode);
      if (code) this.names.set(normaliseCostCode(code), text(snapshot?.name) ?? '');
      return;
    }
    for (const u of codesOf(event.type, snapshot)) this.used.set(`${u.projectId} ${normaliseCostCode(u.costCode)} ${u.costType ?? ''}`, u);
  }

  /** Sorted by project, code and cost type, so a check lists its findings in a stable order. */
  list(): CostCodeInUse[] {
    return [...this.used.values()]
      .sort((a, b) => a.projectId.localeCompare(b.projectId) || a.costCode.localeCompare(b.costCode) || (a.costType ?? '').localeCompare(b.costType ?? ''))
      .map((u) => ({ ...u, name: this.names.get(normaliseCostCode(u.costCode)) ?? '' }));
  }
}

const PAGE = 500;

/**
 * Reads the connection's cost-side document events from the store on request, page by page
 * (raw payloads are not kept). Simple and exact; a checkpointed read model can replace it
 * when connections grow large.
 */
export const readCostCodesInUse = async (store: EventStore, connection: string): Promise<CostCodeInUse[]> => {
  const tally = new CostCodeTally();
  const filter = { streamPrefixes: [`${connection}.procore.`], eventTypes: COST_CODE_EVENT_TYPES };
  let after: AllPosition | undefined;
  for (;;) {
    const page = await store.readAll({ filter, maxCount: PAGE, ...(after ? { after } : {}) });
    for (const event of page) tally.add(event);
    if (page.length < PAGE) return tally.list();
    after = page.at(-1)?.position;
  }
};
