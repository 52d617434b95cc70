import type { ProcoreSideConfig } from '../../platform/config/connection.types.js';
import type { ApiResult } from '../../platform/http/api-result.js';
import { HttpApiClient, type HttpClientOptions, type Query } from '../../platform/http/http-client.js';
import { HeaderThrottle, procoreRateLimit } from '../../platform/http/throttle.js';
import type { TokenSource } from '../../platform/oauth/oauth-errors.js';

export type Json = Record<string, unknown>;

export type CommitmentKind = 'work_order' | 'purchase_order';
export type ChangeOrderKind = 'commitment' | 'prime';

const COMMITMENT_PATH: Record<CommitmentKind, string> = {
  work_order: '/rest/v1.0/work_order_contracts',
  purchase_order: '/rest/v1.0/purchase_order_contracts',
};
/** The item endpoints of a requisition, one per G703 `item_type` (facts §5.9). */
export type RequisitionItemKind = 'contract_items' | 'contract_detail_items' | 'change_order_items';
const CHANGE_ORDER_SEGMENT: Record<ChangeOrderKind, string> = { commitment: 'commitment_change_orders', prime: 'prime_change_orders' };

/** Payments issued on commitments / received on prime contracts (facts §5.5). */
const CONTRACT_PAYMENTS = '/rest/v1.0/contract_payments';

/** Procore recommends per_page <= 2000 and some endpoints cap lower (facts §3); 100 is safe everywhere. */
const PER_PAGE = 100;
const MAX_PAGES = 1000;

/**
 * Procore's REST API: reads, and the contract payments the hub writes back. Every call
 * carries Procore-Company-Id (facts §1); the version is pinned per endpoint. Ids go in and
 * come out as strings.
 */
export class ProcoreClient {
  constructor(readonly http: HttpApiClient, readonly companyId: string) {}

  static create(config: ProcoreSideConfig, tokens: TokenSource, options: Partial<HttpClientOptions> = {}): ProcoreClient {
    const http = new HttpApiClient({
      target: 'procore', baseUrl: config.apiBaseUrl, tokens, headers: { 'Procore-Company-Id': config.companyId },
      // Facts §7: keep concurrency per company small; the headers pace the rest.
      throttle: new HeaderThrottle(4, procoreRateLimit), ...options,
    });
    return new ProcoreClient(http, config.companyId);
  }

  getProject(id: string): Promise<ApiResult<Json>> {
    return this.http.get(`/rest/v1.0/projects/${encodeURIComponent(id)}`, { query: { company_id: this.companyId } });
  }

  getVendor(id: string): Promise<ApiResult<Json>> {
    return this.http.get(`/rest/v1.0/vendors/${encodeURIComponent(id)}`, { query: { company_id: this.companyId } });
  }

  getCostCode(projectId: string, id: string): Promise<ApiResult<Json>> {
    return this.http.get(`/rest/v1.0/cost_codes/${encodeURIComponent(id)}`, { query: { project_id: projectId } });
  }

  getLineItemType(id: string): Promise<ApiResult<Json>> {
    return this.http.get(`/rest/v1.0/line_item_types/${encodeURIComponent(id)}`, { query: { company_id: this.companyId } });
  }

  /** With `line_items` (each with cost_code{} and line_item_type{}). */
  getCommitment(projectId: string, id: string, kind?: CommitmentKind): Promise<ApiResult<Json>> {
    const base = kind ? COMMITMENT_PATH[kind] : '/rest/v1.0/commitments';
    return this.http.get(`${base}/${encodeURIComponent(id)}`, { query: { project_id: projectId } });
  }

  getChangeOrder(projectId: string, kind: ChangeOrderKind, id: string): Promise<ApiResult<Json>> {
    return this.http.get(`/rest/v1.0/projects/${encodeURIComponent(projectId)}/${CHANGE_ORDER_SEGMENT[kind]}/${encodeURIComponent(id)}`);
  }

  /** Singular path for one prime contract (facts §5.7). */
  getPrimeContract(projectId: string, id: string): Promise<ApiResult<Json>> {
    return this.http.get(`/rest/v1.0/prime_contract/${encodeURIComponent(id)}`, { query: { project_id: projectId } });
  }

  /** v1.1 header and G702 `summary`; the plain show has no G703 lines (see listRequisitionItems). */
  getRequisition(projectId: string, id: string): Promise<ApiResult<Json>> {
    return this.http.get(`/rest/v1.1/requisitions/${encodeURIComponent(id)}`, { query: { project_id: projectId } });
  }

  /**
   * Every page of one kind of a requisition's G703 rows, through the item endpoints: the
   * documented safe path (facts §5.9; whether the show takes `view` or `views` is UNCONFIRMED).
   */
  listRequisitionItems(projectId: string, id: string, kind: RequisitionItemKind): Promise<ApiResult<Json[]>> {
    return this.listAll(`/rest/v1.0/requisitions/${encodeURIComponent(id)}/${kind}`, { project_id: projectId });
  }

  getPaymentApplication(projectId: string, id: string): Promise<ApiResult<Json>> {
    return this.http.get(`/rest/v1.0/payment_applications/${encodeURIComponent(id)}`, { query: { project_id: projectId } });
  }

  /** v1.0: carries cost_code{} and line_item_type{} (v1.1 only a wbs_code). */
  getBudgetLineItem(projectId: string, id: string): Promise<ApiResult<Json>> {
    return this.http.get(`/rest/v1.0/budget_line_items/${encodeURIComponent(id)}`, { query: { project_id: projectId } });
  }

  getTimecardEntry(projectId: string, id: string): Promise<ApiResult<Json>> {
    return this.http.get(`/rest/v1.0/projects/${encodeURIComponent(projectId)}/timecard_entries/${encodeURIComponent(id)}`);
  }

  getContractPayment(projectId: string, id: string): Promise<ApiResult<Json>> {
    return this.http.get(`${CONTRACT_PAYMENTS}/${encodeURIComponent(id)}`, { query: { project_id: projectId } });
  }

  listContractPayments(projectId: string, query: Query = {}): Promise<ApiResult<Json[]>> {
    return this.listAll(CONTRACT_PAYMENTS, { project_id: projectId, ...query });
  }

  /** The hub's write-back: fields wrapped in `contract_payment`, as Procore's create and update bodies are. */
  createContractPayment(projectId: string, fields: Json): Promise<ApiResult<Json>> {
    return this.http.request('POST', CONTRACT_PAYMENTS, { query: { project_id: projectId }, body: { contract_payment: fields } });
  }

  updateContractPayment(projectId: string, id: string, fields: Json): Promise<ApiResult<Json>> {
    return this.http.request('PATCH', `${CONTRACT_PAYMENTS}/${encodeURIComponent(id)}`, { query: { project_id: projectId }, body: { contract_payment: fields } });
  }

  deleteContractPayment(projectId: string, id: string): Promise<ApiResult<unknown>> {
    return this.http.request('DELETE', `${CONTRACT_PAYMENTS}/${encodeURIComponent(id)}`, { query: { project_id: projectId } });
  }

  /** Every page of a list endpoint, following `Link: rel="next"`; stops at the first error. */
  async listAll(path: string, query: Query = {}): Promise<ApiResult<Json[]>> {
    const rows: Json[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const result = await this.http.get<unknown>(path, { query: { ...query, page, per_page: PER_PAGE } });
      if (!result.ok) return result;
      if (!Array.isArray(result.body)) return { ok: false, error: { kind: 'invalid_response', message: `${path}: expected a list`, retryable: false } };
      rows.push(...(result.body as Json[]));
      const link = result.headers.get('link') ?? '';
      if (!/rel="next"/.test(link) || result.body.length === 0) return { ...result, body: rows };
    }
    return { ok: false, error: { kind: 'invalid_response', message: `${path}: more than ${MAX_PAGES} pages`, retryable: false } };
  }

  listProjects(query: Query = {}): Promise<ApiResult<Json[]>> {
    return this.listAll('/rest/v1.0/projects', { company_id: this.companyId, ...query });
  }

  static commitmentPath(kind: CommitmentKind): string {
    return COMMITMENT_PATH[kind];
  }

  static changeOrderPath(projectId: string, kind: ChangeOrderKind): string {
    return `/rest/v1.0/projects/${encodeURIComponent(projectId)}/${CHANGE_ORDER_SEGMENT[kind]}`;
  }
}
