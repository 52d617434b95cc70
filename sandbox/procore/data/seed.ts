import {
  SAMPLE_BUDGET, SAMPLE_CHANGE_ORDERS, SAMPLE_COMMITMENTS, SAMPLE_COMPANY, SAMPLE_COST_CODES, SAMPLE_COST_TYPES,
  SAMPLE_EMPLOYEES, SAMPLE_PAYMENT_APPLICATIONS, SAMPLE_PRIME_CONTRACT, SAMPLE_PROJECT, SAMPLE_REQUISITIONS,
  SAMPLE_TIMECARDS, SAMPLE_VENDORS, type SampleLine,
} from '../../sample/sample-project.js';
import type { ContractLine, Id, InvoiceLine, Origin, Project } from './model.js';
import { allocate, basisPointsOf, centsOf } from './money.js';
import { ProcoreStore } from './store.js';

const NO_ORIGIN: Origin = { originId: null, originData: null, originCode: null };
/** Budget codes and budget lines get ids from fixed bases so the demo's ids are stable. */
const WBS_ID_BASE = 182877000;
const BUDGET_LINE_ID_BASE = 8810000;

export const emptyStore = (clock: () => Date): ProcoreStore => {
  const at = clock().toISOString();
  const project: Project = {
    id: Number(SAMPLE_PROJECT.id), createdAt: at, updatedAt: at, deletedAt: null, ...NO_ORIGIN,
    name: SAMPLE_PROJECT.name, projectNumber: SAMPLE_PROJECT.projectNumber, address: SAMPLE_PROJECT.address,
    city: SAMPLE_PROJECT.city, stateCode: SAMPLE_PROJECT.stateCode, zip: SAMPLE_PROJECT.zip,
  };
  return new ProcoreStore(clock, { id: Number(SAMPLE_COMPANY.id), name: SAMPLE_COMPANY.name }, project);
};

/**
 * The sample project as Procore holds it before the demo story runs: commitments not yet
 * approved, change orders pending, every invoice a draft, timecards pending approval.
 */
export const seededStore = (clock: () => Date): ProcoreStore => {
  const store = emptyStore(clock);
  seedReferenceData(store);
  const wbsOf = wbsResolver(store);
  SAMPLE_BUDGET.forEach(([code, type, amount], i) => {
    store.budgetLines.set(BUDGET_LINE_ID_BASE + i + 1, {
      ...store.audit(BUDGET_LINE_ID_BASE + i + 1), ...NO_ORIGIN, wbsCodeId: wbsOf(code, type),
      originalCents: centsOf(amount), approvedChangesCents: 0, uom: 'LS',
    });
  });
  seedContracts(store, wbsOf);
  seedInvoices(store);
  seedTimecards(store, wbsOf);
  return store;
};

const seedReferenceData = (store: ProcoreStore): void => {
  for (const t of SAMPLE_COST_TYPES) {
    store.lineItemTypes.set(Number(t.id), { ...store.audit(Number(t.id)), ...NO_ORIGIN, code: t.code, name: t.name, baseType: t.baseType });
  }
  for (const c of SAMPLE_COST_CODES) {
    store.costCodes.set(Number(c.id), { ...store.audit(Number(c.id)), ...NO_ORIGIN, code: c.fullCode, fullCode: c.fullCode, name: c.name });
  }
  for (const v of SAMPLE_VENDORS) {
    store.vendors.set(Number(v.id), { ...store.audit(Number(v.id)), ...NO_ORIGIN, name: v.name, trade: v.trade, isActive: true, emailAddress: null });
  }
};

type WbsOf = (costCode: string, costType: string) => Id;

/** Budget codes are created on first use, one per cost code × cost type pair. */
const wbsResolver = (store: ProcoreStore): WbsOf => (costCode, costType) => {
  const code = [...store.costCodes.values()].find((c) => c.fullCode === costCode);
  const type = [...store.lineItemTypes.values()].find((t) => t.code === costType);
  if (!code || !type) throw new Error(`sample references unknown ${costCode}.${costType}`);
  const existing = [...store.wbsCodes.values()].find((w) => w.costCodeId === code.id && w.lineItemTypeId === type.id);
  if (existing) return existing.id;
  const id = WBS_ID_BASE + store.wbsCodes.size + 1;
  store.wbsCodes.set(id, {
    ...store.audit(id), costCodeId: code.id, lineItemTypeId: type.id,
    flatCode: `${code.fullCode}.${type.code}`, flatName: `${code.name}.${type.name}`,
  });
  return id;
};

const linesOf = (ownerId: string, lines: readonly SampleLine[], wbsOf: WbsOf): ContractLine[] =>
  lines.map((line, i) => ({
    id: Number(ownerId) * 100 + i + 1, wbsCodeId: wbsOf(line.costCode, line.costType),
    description: line.description, amountCents: centsOf(line.amount), position: i + 1,
  }));

const seedContracts = (store: ProcoreStore, wbsOf: WbsOf): void => {
  SAMPLE_COMMITMENTS.forEach((c, i) => {
    store.commitments.set(Number(c.id), {
      ...store.audit(Number(c.id)), ...NO_ORIGIN, kind: 'WorkOrderContract', number: c.number, title: c.title,
      vendorId: Number(c.vendorId), status: i === 0 ? 'Out For Signature' : 'Draft', executed: false,
      retainageRate: basisPointsOf(c.retainagePercent), lines: linesOf(c.id, c.lines, wbsOf),
    });
  });
  for (const co of SAMPLE_CHANGE_ORDERS) {
    store.changeOrders.set(Number(co.id), {
      ...store.audit(Number(co.id)), ...NO_ORIGIN, kind: co.kind, contractId: Number(co.contractId),
      number: co.number, title: co.title, status: 'pending', revision: 0, lines: linesOf(co.id, co.lines, wbsOf),
    });
  }
  const p = SAMPLE_PRIME_CONTRACT;
  store.primeContracts.set(Number(p.id), {
    ...store.audit(Number(p.id)), ...NO_ORIGIN, number: p.number, title: p.title, status: 'Approved',
    ownerName: p.ownerName, retainageRate: basisPointsOf(p.retainagePercent), lines: primeSchedule(store, centsOf(p.amount)),
  });
};

/** The sample gives only the prime total; its schedule of values follows the budget's proportions. */
const primeSchedule = (store: ProcoreStore, total: number): ContractLine[] => {
  const budget = [...store.budgetLines.values()];
  const amounts = allocate(total, budget.map((b) => b.originalCents));
  return budget.map((b, i) => ({
    id: Number(SAMPLE_PRIME_CONTRACT.id) * 100 + i + 1, wbsCodeId: b.wbsCodeId, position: i + 1,
    description: store.wbs(b.wbsCodeId)?.flatName ?? '', amountCents: amounts[i] ?? 0,
  }));
};

/** Invoice lines bill the SOV line with the same budget code. */
const billLines = (store: ProcoreStore, sov: readonly ContractLine[], lines: readonly SampleLine[]): InvoiceLine[] =>
  lines.map((line) => {
    const wbsCodeId = wbsResolver(store)(line.costCode, line.costType);
    const sovLine = sov.find((s) => s.wbsCodeId === wbsCodeId);
    if (!sovLine) throw new Error(`sample bills ${line.costCode}.${line.costType} outside the contract`);
    return { id: store.nextId(), contractLineId: sovLine.id, thisPeriodCents: centsOf(line.amount) };
  });

const seedInvoices = (store: ProcoreStore): void => {
  for (const r of SAMPLE_REQUISITIONS) {
    const sov = store.commitments.get(Number(r.commitmentId))?.lines ?? [];
    store.requisitions.set(Number(r.id), {
      ...store.audit(Number(r.id)), ...NO_ORIGIN, commitmentId: Number(r.commitmentId), number: r.number,
      invoiceNumber: r.invoiceNumber, status: 'draft', billingDate: r.billingDate, periodStart: r.periodStart,
      periodEnd: r.periodEnd, submittedAt: null, items: billLines(store, sov, r.lines),
    });
  }
  const prime = store.primeContracts.get(Number(SAMPLE_PRIME_CONTRACT.id));
  for (const pa of SAMPLE_PAYMENT_APPLICATIONS) {
    store.paymentApplications.set(Number(pa.id), {
      ...store.audit(Number(pa.id)), ...NO_ORIGIN, primeContractId: Number(SAMPLE_PRIME_CONTRACT.id), number: pa.number,
      invoiceNumber: pa.invoiceNumber, status: 'draft', billingDate: pa.billingDate, periodStart: pa.periodStart,
      periodEnd: pa.periodEnd, lines: billLines(store, prime?.lines ?? [], pa.lines), retainageReleasedCents: centsOf(pa.retainageReleased),
    });
  }
};

const seedTimecards = (store: ProcoreStore, wbsOf: WbsOf): void => {
  for (const t of SAMPLE_TIMECARDS) {
    const employee = SAMPLE_EMPLOYEES.find((e) => e.id === t.partyId);
    store.timecards.set(Number(t.id), {
      ...store.audit(Number(t.id)), date: t.date, hours: t.hours, partyId: Number(t.partyId), partyName: employee?.name ?? '',
      wbsCodeId: wbsOf(t.costCode, t.costType), description: t.description, billable: false,
      approvalStatus: 'pending', originId: null, originData: null,
    });
  }
};
