import type { BooksRef } from '../shared/books-ref.js';
import type { CostCodeMapping } from './mapping.types.js';
import { jobFor } from './mapping.types.js';

/**
 * How a saga reaches a project's Customer:Job (the project as a Job sub-customer of the
 * owner): already known (a link the runner keeps, or the saga learnt it), named by the
 * mapping, to be looked up (and created) by name under a parent customer, or missing.
 */
export type JobResolution =
  | { readonly kind: 'known'; readonly customerRef: BooksRef }
  | { readonly kind: 'lookup'; readonly parentCustomerRef: BooksRef; readonly jobName: string }
  | { readonly kind: 'missing' };

export const resolveJob = (mapping: CostCodeMapping | null, projectId: string, known: BooksRef | null): JobResolution => {
  if (known !== null) return { kind: 'known', customerRef: known };
  const link = mapping === null ? undefined : jobFor(mapping, projectId);
  if (link === undefined) return { kind: 'missing' };
  return link.kind === 'customer' ? { kind: 'known', customerRef: link.customerRef } : { kind: 'lookup', parentCustomerRef: link.parentCustomerRef, jobName: link.jobName };
};
