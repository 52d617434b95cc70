import type {
  Audit, BudgetLine, ChangeOrder, Commitment, Company, ContractPayment, CostCode, Id, LineItemType,
  PaymentApplication, PrimeContract, Project, Requisition, TimecardEntry, Vendor, WbsCode,
} from './model.js';
import type { EventType, ResourceName } from '../webhooks/resources.js';

/** Who made a change: shows up as user_id and metadata.source_* in webhook payloads. */
export interface Actor {
  readonly userId: Id;
  /** The OAuth client that made the call; null for changes made "in the Procore UI". */
  readonly applicationId: string | null;
}

/** A person at the company clicking through the Procore UI (every admin verb acts as them). */
export const UI_USER: Actor = { userId: 1771001, applicationId: null };

export interface ChangeNotice {
  readonly resourceName: ResourceName;
  readonly eventType: EventType;
  readonly resourceId: Id;
  /** Null for company-level resources (vendors). */
  readonly projectId: Id | null;
  readonly actor: Actor;
  readonly at: Date;
}

/** All simulator records of one company with one project, plus the change feed webhooks read. */
export class ProcoreStore {
  readonly vendors = new Map<Id, Vendor>();
  readonly costCodes = new Map<Id, CostCode>();
  readonly lineItemTypes = new Map<Id, LineItemType>();
  readonly wbsCodes = new Map<Id, WbsCode>();
  readonly budgetLines = new Map<Id, BudgetLine>();
  readonly commitments = new Map<Id, Commitment>();
  readonly changeOrders = new Map<Id, ChangeOrder>();
  readonly primeContracts = new Map<Id, PrimeContract>();
  readonly requisitions = new Map<Id, Requisition>();
  readonly paymentApplications = new Map<Id, PaymentApplication>();
  readonly payments = new Map<Id, ContractPayment>();
  readonly timecards = new Map<Id, TimecardEntry>();
  private lastId = 5_000_000;
  private readonly listeners: Array<(notice: ChangeNotice) => void> = [];

  constructor(readonly clock: () => Date, readonly company: Company, readonly project: Project) {}

  nextId(): Id {
    return ++this.lastId;
  }

  timestamp(): string {
    return this.clock().toISOString();
  }

  /** Audit fields for a record created now (seed data uses explicit ids). */
  audit(id: Id = this.nextId()): Audit {
    const at = this.timestamp();
    return { id, createdAt: at, updatedAt: at, deletedAt: null };
  }

  subscribe(listener: (notice: ChangeNotice) => void): void {
    this.listeners.push(listener);
  }

  /** Stamps updated_at (and deleted_at) and tells subscribers: every mutation goes through here. */
  changed(row: Audit, resourceName: ResourceName, eventType: EventType, projectId: Id | null, actor: Actor = UI_USER): void {
    const at = this.clock();
    row.updatedAt = at.toISOString();
    if (eventType === 'delete') row.deletedAt = row.updatedAt;
    const notice: ChangeNotice = { resourceName, eventType, resourceId: row.id, projectId, actor, at };
    for (const listener of this.listeners) listener(notice);
  }

  /** A live (not deleted) record, or undefined. */
  live<T extends Audit>(map: ReadonlyMap<Id, T>, id: Id): T | undefined {
    const row = map.get(id);
    return row && row.deletedAt === null ? row : undefined;
  }

  wbs(id: Id): WbsCode | undefined {
    return this.wbsCodes.get(id);
  }
}
