import { OOB_REDIRECT } from '../auth/oauth-routes.js';
import type { TokenStore } from '../auth/token-store.js';
import type { Id } from '../data/model.js';
import type { ProcoreStore } from '../data/store.js';
import {
  approveTimecards, changeBudgetLine, reviseChangeOrder, reviseCommitment, type Revision, setChangeOrderStatus,
  setCommitmentStatus, setTimecardStatus,
} from './contract-verbs.js';
import {
  createPaymentApplication, createRequisition, deletePaymentApplication, deleteRequisition, type LineAmount, type NewInvoice,
  revisePaymentApplication, reviseRequisition, setPaymentApplicationStatus, setRequisitionStatus,
} from './invoice-verbs.js';

/**
 * The programmatic admin API: what people do in the Procore UI, for tests and the demo story.
 * Every verb bumps `updated_at` and fires the matching webhook. Verbs act as a UI user and
 * ignore origin_id locks (they simulate whatever a Procore admin could do).
 */
export class ProcoreAdmin {
  constructor(readonly store: ProcoreStore, private readonly tokens: TokenStore) {}

  createRequisition(commitmentId: Id, input?: NewInvoice) { return createRequisition(this.store, commitmentId, input); }
  submitRequisition(id: Id) { return setRequisitionStatus(this.store, id, 'under_review'); }
  approveRequisition(id: Id, options: { asNoted?: boolean } = {}) {
    return setRequisitionStatus(this.store, id, options.asNoted ? 'approved_as_noted' : 'approved');
  }
  reviseRequisition(id: Id, input?: { lines?: readonly LineAmount[]; status?: string }) { return reviseRequisition(this.store, id, input); }
  setRequisitionStatus(id: Id, status: string) { return setRequisitionStatus(this.store, id, status); }
  deleteRequisition(id: Id) { deleteRequisition(this.store, id); }

  createPaymentApplication(input?: NewInvoice & { primeContractId?: Id; retainageReleased?: string }) {
    return createPaymentApplication(this.store, input);
  }
  submitPaymentApplication(id: Id) { return setPaymentApplicationStatus(this.store, id, 'under_review'); }
  approvePaymentApplication(id: Id) { return setPaymentApplicationStatus(this.store, id, 'approved'); }
  revisePaymentApplication(id: Id, input?: { lines?: readonly LineAmount[]; status?: string }) {
    return revisePaymentApplication(this.store, id, input);
  }
  setPaymentApplicationStatus(id: Id, status: string) { return setPaymentApplicationStatus(this.store, id, status); }
  deletePaymentApplication(id: Id) { deletePaymentApplication(this.store, id); }

  approveCommitment(id: Id) { return setCommitmentStatus(this.store, id, 'Approved'); }
  reviseCommitment(id: Id, revision: Revision = {}) { return reviseCommitment(this.store, id, revision); }
  voidCommitment(id: Id) { return setCommitmentStatus(this.store, id, 'Void'); }
  setCommitmentStatus(id: Id, status: string) { return setCommitmentStatus(this.store, id, status); }

  approveChangeOrder(id: Id) { return setChangeOrderStatus(this.store, id, 'approved'); }
  rejectChangeOrder(id: Id) { return setChangeOrderStatus(this.store, id, 'rejected'); }
  voidChangeOrder(id: Id) { return setChangeOrderStatus(this.store, id, 'void'); }
  reviseChangeOrder(id: Id, revision: Revision = {}) { return reviseChangeOrder(this.store, id, revision); }
  setChangeOrderStatus(id: Id, status: string) { return setChangeOrderStatus(this.store, id, status); }

  changeBudgetLine(id: Id, change: { originalBudgetAmount?: string; approvedBudgetChanges?: string }) {
    return changeBudgetLine(this.store, id, change);
  }
  approveTimecard(id: Id) { return setTimecardStatus(this.store, id, 'approved'); }
  approveTimecards(ids?: readonly Id[]) { return approveTimecards(this.store, ids); }

  /** A code as if the user had clicked "Allow" on Procore's consent screen. */
  issueAuthorizationCode(redirectUri: string = OOB_REDIRECT): string { return this.tokens.issueAuthorizationCode(redirectUri); }
  expireAccessTokens(): void { this.tokens.expireAccessTokens(); }
}
