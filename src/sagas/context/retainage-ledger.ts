import type { EventStore, RecordedEvent } from '../../eventstore/index.js';
import {
  evolveRetainageHeld, initialRetainageHeldState, retainageHeldFor, type RetainageHeldChanged, type RetainageHeldState,
} from '../../domain/owner-invoices/index.js';
import type { Cents } from '../../domain/shared/money.js';
import { FactIndex } from './fact-index.js';

const RETAINAGE_TYPES: readonly RetainageHeldChanged['type'][] = ['RetainageHeldChanged.v1'];

/** Retainage receivable held per project and connection, from the owner-invoice sagas' RetainageHeldChanged.v1. */
export class RetainageLedger {
  private readonly held = new Map<string, RetainageHeldState>();
  private readonly index: FactIndex;

  constructor(store: EventStore) {
    this.index = new FactIndex(store, RETAINAGE_TYPES, (event) => this.fold(event));
  }

  /** Held on the project as of every fact committed before the call. */
  async heldOn(connection: string, projectId: string): Promise<Cents> {
    await this.index.catchUp();
    return retainageHeldFor(this.stateOf(connection), projectId);
  }

  private stateOf(connection: string): RetainageHeldState {
    return this.held.get(connection) ?? initialRetainageHeldState;
  }

  private fold(event: RecordedEvent): void {
    const connection = event.metadata.connection;
    if (connection) this.held.set(connection, evolveRetainageHeld(this.stateOf(connection), event as unknown as RetainageHeldChanged));
  }
}
