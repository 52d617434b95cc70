import type { DocumentType } from '../../../domain/documents/document-ref.js';
import { ApiCallError, apiError, type ApiResult } from '../../../platform/http/api-result.js';
import type { ChangeOrderKind, CommitmentKind, Json, ProcoreClient, RequisitionItemKind } from '../procore-client.js';
import { contractCoding, normaliseChangeOrder, normaliseCommitment, type Normalised } from './normalise-contracts.js';
import { normalisePaymentApplication, normaliseRequisition } from './normalise-invoices.js';
import {
  normaliseBudgetLine, normaliseCostCode, normaliseCostType, normaliseProject, normaliseTimecard, normaliseVendor,
} from './normalise-reference.js';
import { idOf, isJson, list, NormaliseError, obj, text } from '../../pipeline/inbound/normalise/json-read.js';
import { failedFetch, goneAt, ignored, refOf, type FetchContext, type FetchOutcome } from '../../pipeline/inbound/processing/observation.js';

export interface ProcoreFetchDeps {
  readonly client: ProcoreClient;
  /** Line item type id -> its code (timecards name the type only by id). */
  readonly costTypeCode: (id: string) => Promise<string | null>;
}

type Fetch = (ctx: FetchContext, deps: ProcoreFetchDeps, projectId: string | null) => Promise<FetchOutcome>;

const observed = (ctx: FetchContext, type: DocumentType, raw: Json, normalised: Normalised<unknown>): FetchOutcome =>
  ({ kind: 'observed', observation: { ref: refOf(ctx, 'procore', type), version: normalised.version, snapshot: normalised.snapshot, raw } });

/** Fetches one resource; 404 => gone, anything else through `build` into an observation. */
const fetchOne = async (
  ctx: FetchContext, type: DocumentType, call: () => Promise<ApiResult<Json>>, build: (raw: Json) => Promise<Normalised<unknown>> | Normalised<unknown>,
): Promise<FetchOutcome> => {
  const ref = refOf(ctx, 'procore', type);
  if (ctx.notice.action === 'delete') return { kind: 'gone', ref, at: goneAt(ctx) };
  const result = await call();
  if (!result.ok) return failedFetch(ctx, ref, result, 'procore');
  if (!isJson(result.body)) throw new ApiCallError('procore', apiError('invalid_response', `${ctx.notice.resource} ${ctx.notice.resourceId}: not a JSON object`));
  return observed(ctx, type, result.body, await build(result.body));
};

const needsProject = (fetch: (ctx: FetchContext, deps: ProcoreFetchDeps, projectId: string) => Promise<FetchOutcome>): Fetch =>
  (ctx, deps, projectId) => (projectId === null ? Promise.resolve(ignored('no project_id on a project resource')) : fetch(ctx, deps, projectId));

const commitment = (kind?: CommitmentKind): Fetch => needsProject((ctx, { client }, projectId) =>
  fetchOne(ctx, 'commitment', () => client.getCommitment(projectId, ctx.notice.resourceId, kind), (raw) => normaliseCommitment(raw, ctx.observedAt, kind)));

const changeOrder = (kind: ChangeOrderKind): Fetch => needsProject((ctx, { client }, projectId) =>
  fetchOne(ctx, kind === 'commitment' ? 'commitment_change_order' : 'prime_change_order', () => client.getChangeOrder(projectId, kind, ctx.notice.resourceId),
    (raw) => normaliseChangeOrder(raw, ctx.observedAt, kind, projectId)));

/** Invoices name the contract line they bill, not its cost type: the contract supplies the coding. */
const contractOf = async (call: () => Promise<ApiResult<Json>>, what: string): Promise<Json> => {
  const result = await call();
  if (!result.ok || !isJson(result.body)) throw new Error(`${what}: could not read its contract for the line coding (${result.ok ? 'not an object' : result.error.message})`);
  return result.body;
};

/** One kind of G703 rows, every page; a failed read is thrown (retried, then parked), never taken for "no lines". */
const itemsOf = async (client: ProcoreClient, projectId: string, id: string, kind: RequisitionItemKind): Promise<Json[]> => {
  const result = await client.listRequisitionItems(projectId, id, kind);
  if (!result.ok) throw new ApiCallError('procore', result.error);
  return result.body;
};

/**
 * The plain requisition read has no `items` (facts §5.9): the G703 rows come from the item
 * endpoints. Detail items break a contract item down by the subcontractor's SOV; which of the
 * two carries the amounts is UNCONFIRMED, so an invoice with detail items fails to normalise
 * (and parks) rather than post a guess.
 */
const requisitionLines = async (client: ProcoreClient, projectId: string, id: string): Promise<Json[]> => {
  const details = await itemsOf(client, projectId, id, 'contract_detail_items');
  if (details.length > 0) throw new NormaliseError(`requisition ${id}`, `bills ${details.length} contract detail items (a subcontractor SOV), which the hub does not post`);
  return [...await itemsOf(client, projectId, id, 'contract_items'), ...await itemsOf(client, projectId, id, 'change_order_items')];
};

const requisition: Fetch = needsProject((ctx, { client }, projectId) =>
  fetchOne(ctx, 'subcontractor_invoice', () => client.getRequisition(projectId, ctx.notice.resourceId), async (raw) => {
    const commitmentId = idOf(raw.commitment_id) ?? '';
    const kind: CommitmentKind | undefined = /purchase/i.test(text(raw.commitment_type) ?? '') ? 'purchase_order' : /work/i.test(text(raw.commitment_type) ?? '') ? 'work_order' : undefined;
    const items = await requisitionLines(client, projectId, ctx.notice.resourceId);
    const contract = await contractOf(() => client.getCommitment(projectId, commitmentId, kind), `requisition ${ctx.notice.resourceId}`);
    return normaliseRequisition(raw, items, ctx.observedAt, contractCoding(`commitment ${commitmentId}`, contract));
  }));

const paymentApplication: Fetch = needsProject((ctx, { client }, projectId) =>
  fetchOne(ctx, 'owner_invoice', () => client.getPaymentApplication(projectId, ctx.notice.resourceId), async (raw) => {
    const primeId = idOf(obj(raw.contract)?.id) ?? idOf(raw.prime_contract_id) ?? '';
    const contract = await contractOf(() => client.getPrimeContract(projectId, primeId), `payment application ${ctx.notice.resourceId}`);
    return normalisePaymentApplication(raw, ctx.observedAt, contractCoding(`prime contract ${primeId}`, contract), projectId);
  }));

const timecard: Fetch = needsProject((ctx, deps, projectId) =>
  fetchOne(ctx, 'timecard', () => deps.client.getTimecardEntry(projectId, ctx.notice.resourceId), async (raw) => {
    const typeId = idOf(raw.line_item_type_id);
    const code = typeId ? await deps.costTypeCode(typeId) : null;
    return normaliseTimecard(raw, ctx.observedAt, projectId, () => code);
  }));

const budgetLine: Fetch = needsProject((ctx, { client }, projectId) =>
  fetchOne(ctx, 'budget_line', () => client.getBudgetLineItem(projectId, ctx.notice.resourceId), (raw) => normaliseBudgetLine(raw, ctx.observedAt, projectId)));

const costCode: Fetch = needsProject((ctx, { client }, projectId) =>
  fetchOne(ctx, 'cost_code', () => client.getCostCode(projectId, ctx.notice.resourceId), (raw) => normaliseCostCode(raw, ctx.observedAt)));

const project: Fetch = (ctx, { client }) =>
  fetchOne(ctx, 'project', () => client.getProject(ctx.notice.resourceId), (raw) => normaliseProject(raw, ctx.observedAt));
const vendor: Fetch = (ctx, { client }) =>
  fetchOne(ctx, 'vendor', () => client.getVendor(ctx.notice.resourceId), (raw) => normaliseVendor(raw, ctx.observedAt));
const costType: Fetch = (ctx, { client }) =>
  fetchOne(ctx, 'cost_type', () => client.getLineItemType(ctx.notice.resourceId), (raw) => normaliseCostType(raw, ctx.observedAt));

/**
 * Webhook resource names (facts §6.1: only some are documented; the rest follow Procore's
 * plural Title Case and are UNCONFIRMED). Unknown names are recorded in the inbox and ignored.
 */
export const PROCORE_RESOURCES: Readonly<Record<string, Fetch>> = {
  'Projects': project, 'Company Vendors': vendor, 'Project Vendors': vendor, 'Vendors': vendor,
  'Cost Codes': costCode, 'Line Item Types': costType,
  'Work Order Contracts': commitment('work_order'), 'Purchase Order Contracts': commitment('purchase_order'), 'Commitments': commitment(),
  'Commitment Change Orders': changeOrder('commitment'), 'Prime Change Orders': changeOrder('prime'),
  'Requisitions': requisition, 'Subcontractor Invoices': requisition,
  'Payment Applications': paymentApplication, 'Owner Invoices': paymentApplication,
  'Budget Line Items': budgetLine, 'Timecard Entries': timecard,
};

/** v3 line-item events name their parent in related_resources: a line change is a change of the parent. */
const parentOf = (ctx: FetchContext): FetchContext | undefined => {
  const raw = obj(ctx.notice.raw);
  const parent = list(raw?.related_resources).find((r) => typeof r.name === 'string' && PROCORE_RESOURCES[r.name]);
  const id = idOf(parent?.id);
  return parent && id ? { ...ctx, notice: { ...ctx.notice, resource: String(parent.name), resourceId: id, action: 'update' } } : undefined;
};

export const fetchProcore = (ctx: FetchContext, deps: ProcoreFetchDeps): Promise<FetchOutcome> => {
  const fetch = PROCORE_RESOURCES[ctx.notice.resource];
  if (fetch) return fetch(ctx, deps, ctx.notice.projectId);
  const parent = parentOf(ctx);
  const parentFetch = parent && PROCORE_RESOURCES[parent.notice.resource];
  if (parent && parentFetch) return parentFetch(parent, deps, parent.notice.projectId);
  return Promise.resolve(ignored(`resource ${ctx.notice.resource} is not one the hub follows`));
};
