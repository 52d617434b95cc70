import type { BooksRef } from '../../domain/shared/books-ref.js';

/** Which books object stands for a construction-side party: a vendor, a project's job. */
export type LinkKind = 'vendor' | 'job';

/**
 * The books vendors and jobs the dispatcher has resolved (BooksVendorResolved.v1,
 * BooksJobResolved.v1), a durable read model the sagas consult so one lookup serves every
 * later document; a miss only costs a second lookup. Implemented in src/projections.
 */
export interface BooksLinks {
  get(connection: string, kind: LinkKind, externalId: string): Promise<BooksRef | null>;
}
