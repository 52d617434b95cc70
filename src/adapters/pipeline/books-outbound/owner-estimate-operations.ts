import type { BooksWritten, EstimatePosting } from '../../../domain/books/index.js';
import type {
  OwnerEstimateDraft, OwnerEstimatePosted, OwnerEstimateUpdated, PostOwnerEstimateRequested, UpdateOwnerEstimateRequested,
} from '../../../domain/owner-estimates/index.js';
import { projectDocumentStream, projectSyncFailure } from './failure-outcomes.js';
import type { PortOperation } from './port-handler.js';
import { existing } from './request-vocabulary.js';

const projectSync = { documentStream: projectDocumentStream, failureOutcome: projectSyncFailure };

/** A takeoff's owner estimate in the port's words (see request-vocabulary.ts for the field table). */
const estimatePosting = (draft: OwnerEstimateDraft): EstimatePosting => ({
  kind: 'estimate', jobRef: draft.customerRef, txnDate: draft.txnDate, number: draft.docNumber, customerMemo: draft.customerMemo,
  note: { text: draft.privateNote, marker: draft.hubMarker }, lines: draft.lines,
});

type Post = PostOwnerEstimateRequested['data'];
type Update = UpdateOwnerEstimateRequested['data'];

export const postOwnerEstimate: PortOperation<Post, BooksWritten> = {
  ...projectSync, requestType: 'PostOwnerEstimateRequested.v1',
  run: (port, call, data) => port.post(call, estimatePosting(data)),
  find: (port, call, data) => port.findPosted(call, estimatePosting(data)),
  outcome: (data, w) => ({
    type: 'OwnerEstimatePosted.v1',
    data: { requestNo: data.requestNo, estimateId: w.id, syncToken: w.version, docNumber: w.number ?? data.docNumber } satisfies OwnerEstimatePosted['data'],
  }),
};

const estimateExisting = (data: Update) => existing('estimate', data.estimateId, data.lastKnownSyncToken);

export const updateOwnerEstimate: PortOperation<Update, BooksWritten> = {
  ...projectSync, requestType: 'UpdateOwnerEstimateRequested.v1',
  run: (port, call, data) => port.update(call, estimateExisting(data), estimatePosting(data)),
  find: (port, call, data) => port.findUpdated(call, estimateExisting(data), estimatePosting(data)),
  outcome: (data, w) => ({
    type: 'OwnerEstimateUpdated.v1', data: { requestNo: data.requestNo, estimateId: data.estimateId, syncToken: w.version } satisfies OwnerEstimateUpdated['data'],
  }),
};
