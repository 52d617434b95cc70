import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProcoreAdmin } from '../admin/admin.js';
import type { LineAmount } from '../admin/invoice-verbs.js';
import type { SovChange } from '../admin/contract-verbs.js';
import type { Id, PaymentApplication, Requisition } from '../data/model.js';
import { badRequest, notFound } from '../http/errors.js';
import { type Body, pathId, positiveInt } from '../http/params.js';
import { budgetLineJsonV10, timecardJson } from '../json/core.js';
import { changeOrderJson, commitmentJson } from '../json/contracts.js';
import { paymentApplicationJson, requisitionJson } from '../json/invoices.js';
import { summary } from './admin-summary.js';

const bodyOrEmpty = (request: FastifyRequest): Body =>
  typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? (request.body as Body) : {};

const text = (body: Body, name: string): string | undefined => {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`${name} must be a string`);
  return value;
};

const listOf = (body: Body, name: string): Body[] | undefined => {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'object' || v === null)) throw badRequest(`${name} must be an array of objects`);
  return value as Body[];
};

/** `items: [{ id | line_item_id, work_completed_this_period }]` as the G703 names them. */
const lineAmounts = (body: Body): LineAmount[] | undefined => listOf(body, 'items')?.map((item) => ({
  itemId: item.id === undefined ? undefined : positiveInt(item.id, 'id'),
  lineItemId: item.line_item_id === undefined ? undefined : positiveInt(item.line_item_id, 'line_item_id'),
  // A line listed only to release retainage keeps its amount.
  amount: item.work_completed_this_period === undefined && item.amount === undefined && item.work_completed_retainage_released_this_period !== undefined
    ? undefined : String(item.work_completed_this_period ?? item.amount ?? ''),
  retainageReleased: item.work_completed_retainage_released_this_period === undefined ? undefined : String(item.work_completed_retainage_released_this_period),
}));

const sovChanges = (body: Body): SovChange[] | undefined => listOf(body, 'line_items')?.map((line) => ({
  id: positiveInt(line.id, 'id'), amount: line.amount === undefined ? undefined : String(line.amount), description: text(line, 'description'),
}));

const invoiceInput = (body: Body) => ({
  invoiceNumber: text(body, 'invoice_number'), billingDate: text(body, 'billing_date'),
  periodStart: text(body, 'period_start'), periodEnd: text(body, 'period_end'), lines: lineAmounts(body),
});

type Verb = (id: Id, body: Body) => unknown;

const dispatch = (verbs: Readonly<Record<string, Verb>>) => async (request: FastifyRequest) => {
  const verb = verbs[(request.params as { verb: string }).verb];
  if (!verb) throw notFound(`Verb (one of ${Object.keys(verbs).join(', ')})`);
  return verb(pathId(request), bodyOrEmpty(request)) ?? { ok: true };
};

/**
 * `/_sandbox/procore/...`: the admin verbs over HTTP for the demo story. Never rate limited,
 * authenticated or faulted. Answers with the changed record as the API would show it.
 */
export const registerAdminRoutes = (app: FastifyInstance, admin: ProcoreAdmin): void => {
  const base = '/_sandbox/procore';
  app.get(`${base}/state`, async () => summary(admin.store));
  registerInvoiceAdmin(app, admin, base);
  registerContractAdmin(app, admin, base);
  registerSmallAdminRoutes(app, admin, base);
};

const registerInvoiceAdmin = (app: FastifyInstance, admin: ProcoreAdmin, base: string): void => {
  const store = admin.store;
  const req = (r: Requisition) => requisitionJson(store, r, { items: true, v11: true });
  const pa = (a: PaymentApplication) => paymentApplicationJson(store, a);
  app.post(`${base}/requisitions`, async (request) => {
    const body = bodyOrEmpty(request);
    return req(admin.createRequisition(positiveInt(body.commitment_id, 'commitment_id'), invoiceInput(body)));
  });
  app.post(`${base}/requisitions/:id/:verb`, dispatch({
    submit: (id) => req(admin.submitRequisition(id)),
    approve: (id) => req(admin.approveRequisition(id)),
    approve_as_noted: (id) => req(admin.approveRequisition(id, { asNoted: true })),
    revise: (id, body) => req(admin.reviseRequisition(id, { lines: lineAmounts(body), status: text(body, 'status') })),
    status: (id, body) => req(admin.setRequisitionStatus(id, text(body, 'status') ?? '')),
    delete: (id) => admin.deleteRequisition(id),
  }));
  app.post(`${base}/payment_applications`, async (request) => {
    const body = bodyOrEmpty(request);
    const primeContractId = body.prime_contract_id === undefined ? undefined : positiveInt(body.prime_contract_id, 'prime_contract_id');
    return pa(admin.createPaymentApplication({ ...invoiceInput(body), primeContractId, retainageReleased: text(body, 'retainage_released') }));
  });
  app.post(`${base}/payment_applications/:id/:verb`, dispatch({
    submit: (id) => pa(admin.submitPaymentApplication(id)),
    approve: (id) => pa(admin.approvePaymentApplication(id)),
    revise: (id, body) => pa(admin.revisePaymentApplication(id, { lines: lineAmounts(body), status: text(body, 'status') })),
    status: (id, body) => pa(admin.setPaymentApplicationStatus(id, text(body, 'status') ?? '')),
    delete: (id) => admin.deletePaymentApplication(id),
  }));
};

const registerContractAdmin = (app: FastifyInstance, admin: ProcoreAdmin, base: string): void => {
  const store = admin.store;
  app.post(`${base}/commitments/:id/:verb`, dispatch({
    approve: (id) => commitmentJson(store, admin.approveCommitment(id), true),
    revise: (id, body) => commitmentJson(store, admin.reviseCommitment(id, { title: text(body, 'title'), lines: sovChanges(body) }), true),
    void: (id) => commitmentJson(store, admin.voidCommitment(id), true),
    status: (id, body) => commitmentJson(store, admin.setCommitmentStatus(id, text(body, 'status') ?? ''), true),
  }));
  app.post(`${base}/change_orders/:id/:verb`, dispatch({
    approve: (id) => changeOrderJson(store, admin.approveChangeOrder(id), true),
    reject: (id) => changeOrderJson(store, admin.rejectChangeOrder(id), true),
    void: (id) => changeOrderJson(store, admin.voidChangeOrder(id), true),
    revise: (id, body) => changeOrderJson(store, admin.reviseChangeOrder(id, { title: text(body, 'title'), lines: sovChanges(body) }), true),
    status: (id, body) => changeOrderJson(store, admin.setChangeOrderStatus(id, text(body, 'status') ?? ''), true),
  }));
};

const registerSmallAdminRoutes = (app: FastifyInstance, admin: ProcoreAdmin, base: string): void => {
  const store = admin.store;
  app.patch(`${base}/budget_line_items/:id`, async (request) => {
    const body = bodyOrEmpty(request);
    const amount = (name: string) => (body[name] === undefined ? undefined : String(body[name]));
    return budgetLineJsonV10(store, admin.changeBudgetLine(pathId(request), {
      originalBudgetAmount: amount('original_budget_amount'), approvedBudgetChanges: amount('approved_budget_changes'),
    }));
  });
  app.post(`${base}/timecard_entries/:id/approve`, async (request) => timecardJson(store, admin.approveTimecard(pathId(request))));
  app.post(`${base}/timecard_entries/approve`, async (request) => {
    const ids = bodyOrEmpty(request).ids;
    if (ids !== undefined && !Array.isArray(ids)) throw badRequest('ids must be an array');
    const approved = admin.approveTimecards(ids?.map((id) => positiveInt(id, 'ids[]')));
    return approved.map((t) => timecardJson(store, t));
  });
  app.post(`${base}/oauth/authorization_codes`, async (request) => ({ code: admin.issueAuthorizationCode(text(bodyOrEmpty(request), 'redirect_uri')) }));
  app.post(`${base}/oauth/expire_access_tokens`, async () => {
    admin.expireAccessTokens();
    return { ok: true };
  });
};
