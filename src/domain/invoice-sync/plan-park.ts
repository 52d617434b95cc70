import type { InvoiceCheck } from './check-invoice.js';
import type { ParkReason } from '../shared/outbox.js';
import type { InvoiceSyncOutput, MappingMissing, ValidationFailed } from './invoice-sync.outputs.js';
import type { SyncMemory } from './invoice-sync.state.js';
import { factOf } from './invoice-sync.state.js';
import { mappingMissingMessage } from './map-invoice-lines.js';

type Failed = Extract<InvoiceCheck, { ok: false }>;

const mappingMissing = (s: SyncMemory, missing: NonNullable<Failed['missing']>, mappingImported: boolean): MappingMissing => ({
  type: 'MappingMissing.v1',
  data: {
    ...factOf(s),
    costCodes: missing.unmapped,
    jobMissingFor: missing.job === null ? s.doc.snapshot.projectId : null,
    message: mappingMissingMessage(s.doc.snapshot, missing, mappingImported),
  },
});

/**
 * Parks this one invoice: MappingMissing naming every unmapped cost code, one ValidationFailed
 * per broken field, then DocumentSyncParked with the whole message. Parked already for the
 * same message: nothing new to say.
 */
export const parkOutputs = (s: SyncMemory, failed: Failed, mappingImported: boolean): InvoiceSyncOutput[] => {
  const missing = failed.missing === null ? [] : [mappingMissing(s, failed.missing, mappingImported)];
  const invalid: ValidationFailed[] = failed.failures.map((f) => ({ type: 'ValidationFailed.v1', data: { ...factOf(s), field: f.field, message: f.message } }));
  const fields = failed.failures.map((f) => `${f.field}: ${f.message}`).join('; ');
  const invoice = s.doc.snapshot.invoiceNumber ?? s.doc.snapshot.number;
  const message = missing[0] === undefined
    ? `Invoice ${invoice} can't post: ${fields}.`
    : `${missing[0].data.message}${fields === '' ? '' : ` Also ${fields}.`}`;
  if (s.outbox.status === 'parked' && s.outbox.park.message === message) return [];
  const reasons: ParkReason[] = [...(missing.length > 0 ? ['mapping-missing' as const] : []), ...(invalid.length > 0 ? ['validation-failed' as const] : [])];
  return [...missing, ...invalid, { type: 'DocumentSyncParked.v1', data: { document: s.doc.ref, version: s.doc.version, reasons, message } }];
};
