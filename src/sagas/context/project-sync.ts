import type { EventStore, RecordedEvent } from '../../eventstore/index.js';
import type { CostCodeMapping } from '../../domain/mapping/index.js';
import type { TimeEntryNeeds } from '../../domain/books/index.js';
import type { CommittedCost } from '../../domain/invoice-sync/invoice-sync.inputs.js';
import type { SubscriptionHandler } from '../../platform/subscriptions/subscription-handler.js';
import { changeOrderPartition, changeOrderProcessManager } from '../change-orders/change-order.process-manager.js';
import { commitmentPoPartition, commitmentPoProcessManager } from '../commitments/commitment-po.process-manager.js';
import { ownerInvoicePartition, ownerInvoiceProcessManager } from '../owner-invoices/owner-invoice.process-manager.js';
import { paymentPartition, paymentProcessManager } from '../payments/payment.process-manager.js';
import { timecardPartition, timecardProcessManager } from '../timecards/timecard.process-manager.js';
import type { BooksLinks } from '../links/books-links.js';
import { ProcessManagerRunner } from '../runner/process-manager-runner.js';
import { clientOr, type LookupClients } from '../ports/books-lookups.js';
import type { BudgetLedger } from './budget-ledger.js';
import type { ChangeOrdersToCarry } from './change-orders-to-carry.js';
import { EmployeeLinks } from './employee-links.js';
import { EstimateLinks } from './estimate-links.js';
import type { InvoicesBilled } from './invoices-billed.js';
import { PaymentLinks } from './payment-links.js';
import type { SagaReadModels } from './read-model-ports.js';
import type { RetainageLedger } from './retainage-ledger.js';

/** The lookups the project sagas share: durable read models of their facts, and cached books links. */
export class ProjectSyncContext {
  readonly budget: BudgetLedger;
  readonly retainage: RetainageLedger;
  readonly changeOrders: ChangeOrdersToCarry;
  readonly payments: PaymentLinks;
  readonly employees: EmployeeLinks;
  readonly estimates: EstimateLinks;
  readonly invoices: InvoicesBilled;

  constructor(store: EventStore, readModels: SagaReadModels, private readonly clients: LookupClients) {
    this.budget = readModels.budget;
    this.retainage = readModels.retainage;
    this.changeOrders = readModels.changeOrders;
    this.payments = new PaymentLinks(store, readModels.postedTransactions);
    this.employees = new EmployeeLinks(clients);
    this.estimates = new EstimateLinks(clients);
    this.invoices = readModels.invoicesBilled;
  }

  /** What the connection's books need to keep a timecard's hours, as its books port says; undefined without a port. */
  timeNeeds(connection: string): TimeEntryNeeds | undefined {
    return clientOr(() => this.clients.books(connection))?.timeEntries;
  }

  /**
   * The invoice saga's over-billing context: what the commitment allows per cost code now, and
   * the gross billed on its approved invoices other than the asking one.
   */
  async commitmentFor(connection: string, commitmentId: string, invoiceId: string): Promise<readonly CommittedCost[] | null> {
    const billedBefore = await this.invoices.billedBefore(connection, commitmentId, invoiceId);
    return this.budget.committed(connection, commitmentId, billedBefore);
  }
}

export interface ProjectSyncDeps {
  readonly mapping: (connection: string) => CostCodeMapping | null;
  readonly links: BooksLinks;
  readonly context: ProjectSyncContext;
}

export interface SagaRegistration {
  readonly runner: SubscriptionHandler;
  readonly partitionKey: (event: RecordedEvent) => string;
}

/** The five project sagas of issue 6, each with its runner and partitioning. */
export const projectSyncSagas = (store: EventStore, deps: ProjectSyncDeps): SagaRegistration[] => {
  const { mapping, links, context } = deps;
  // The items owner invoices post on come with the connection's mapping (settings.ownerBilling).
  const billing = (connection: string) => mapping(connection)?.settings.ownerBilling ?? null;
  return [
    { runner: new ProcessManagerRunner(store, changeOrderProcessManager({ mapping, billing, estimates: context.estimates })), partitionKey: changeOrderPartition },
    { runner: new ProcessManagerRunner(store, commitmentPoProcessManager({ mapping, links })), partitionKey: commitmentPoPartition },
    {
      runner: new ProcessManagerRunner(store, ownerInvoiceProcessManager({ mapping, billing, links, retainage: context.retainage, changeOrders: context.changeOrders })),
      partitionKey: ownerInvoicePartition,
    },
    { runner: new ProcessManagerRunner(store, paymentProcessManager({ links: context.payments })), partitionKey: paymentPartition },
    { runner: new ProcessManagerRunner(store, timecardProcessManager({ mapping, links, employees: context.employees, timeNeeds: (c) => context.timeNeeds(c) })), partitionKey: timecardPartition },
  ];
};
