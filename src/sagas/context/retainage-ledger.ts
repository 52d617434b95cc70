import type { Cents } from '../../domain/shared/money.js';

/**
 * Retainage receivable held per project and connection, from the owner-invoice sagas'
 * RetainageHeldChanged.v1. A durable read model, implemented in src/projections.
 */
export interface RetainageLedger {
  heldOn(connection: string, projectId: string): Promise<Cents>;
}
