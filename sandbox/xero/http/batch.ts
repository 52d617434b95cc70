import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { envelopeDate } from '../support/dates.js';
import { postDataInvalid, validationException, type ValidationElement } from '../support/errors.js';
import { isObject, ZERO_GUID, type Json } from '../support/json.js';
import type { Outcome } from '../support/outcome.js';
import { queryOf } from '../support/query.js';
import type { UnitOfWork } from '../org/organisation.js';
import type { WriteResult } from './write.js';

/** Xero's response envelope around every collection. */
export const envelope = (providerName: string, nowMs: number, payload: Json): Json => ({
  Id: randomUUID(), Status: 'OK', ProviderName: providerName, DateTimeUTC: envelopeDate(nowMs), ...payload,
});

/** `{ "Invoices": [...] }` or a single bare object; anything else is not a batch. */
export const batchItems = (body: unknown, collection: string): unknown[] | undefined => {
  if (!isObject(body)) return undefined;
  const wrapped = body[collection];
  if (wrapped === undefined) return [body];
  return Array.isArray(wrapped) ? wrapped : undefined;
};

export const summarizeErrors = (request: FastifyRequest): boolean => queryOf(request).summarizeErrors?.toLowerCase() !== 'false';

export interface BatchSpec<T> {
  readonly collection: string;
  /** The id key an error element carries (InvoiceID, ContactID, ...). */
  readonly idKey: string;
  readonly providerName: string;
  readonly summarize: boolean;
  readonly apply: (raw: unknown, uow: UnitOfWork) => Outcome<T>;
  readonly view: (record: T) => Json;
}

const echo = (raw: unknown, idKey: string, errors: readonly string[]): ValidationElement => ({
  ...(isObject(raw) ? raw : {}),
  [idKey]: isObject(raw) && typeof raw[idKey] === 'string' ? raw[idKey] : ZERO_GUID,
  ValidationErrors: errors.map((Message) => ({ Message })),
});

/** Applies one object; with summarizeErrors=false a failed object is rolled back on its own. */
const applyOne = <T>(raw: unknown, spec: BatchSpec<T>, uow: UnitOfWork): Outcome<T> => {
  const before = spec.summarize ? undefined : uow.org.snapshot();
  const changeCount = uow.changes.length;
  const outcome = spec.apply(raw, uow);
  if (!outcome.ok && before) {
    uow.org.restore(before);
    uow.changes.splice(changeCount);
  }
  return outcome;
};

/**
 * summarizeErrors=true (the default): any failure fails the request with 400 and nothing
 * is kept. summarizeErrors=false: 200, each object marked OK or ERROR, failures dropped.
 */
export const runBatch = <T>(body: unknown, spec: BatchSpec<T>, uow: UnitOfWork): WriteResult => {
  const items = batchItems(body, spec.collection);
  if (!items) return { status: 400, body: postDataInvalid(`The request body must be a ${spec.collection} object or array.`), commit: false };
  // Each object is rendered as it stood right after its own save.
  const results = items.map((raw) => {
    const outcome = applyOne(raw, spec, uow);
    return { raw, outcome, view: outcome.ok ? spec.view(outcome.record) : undefined };
  });
  const failures = results.filter((r) => !r.outcome.ok);
  if (spec.summarize && failures.length > 0) {
    const elements = failures.map((r) => echo(r.raw, spec.idKey, r.outcome.ok ? [] : r.outcome.errors));
    return { status: 400, body: validationException(elements), commit: false };
  }
  const objects = results.map(({ raw, outcome, view }) => {
    if (!outcome.ok) return { ...echo(raw, spec.idKey, outcome.errors), HasErrors: true, StatusAttributeString: 'ERROR' };
    const warnings = outcome.warnings.length > 0 ? { Warnings: outcome.warnings.map((Message) => ({ Message })) } : {};
    const marker = spec.summarize ? {} : { HasErrors: false, StatusAttributeString: 'OK' };
    return { ...view, ...marker, ...warnings };
  });
  return { status: 200, body: envelope(spec.providerName, uow.nowMs, { [spec.collection]: objects }), commit: true };
};
