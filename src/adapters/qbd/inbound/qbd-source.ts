import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { ConnectionConfig } from '../../../platform/config/connection.types.js';
import { isJson } from '../../pipeline/inbound/normalise/json-read.js';
import type { ResourcePoll } from '../../pipeline/inbound/polling/poll-types.js';
import { ignored, refOf, type FetchContext, type FetchOutcome } from '../../pipeline/inbound/processing/observation.js';
import { SourceSystems, type SourceSystem } from '../../pipeline/inbound/source-system.js';
import { QbdQueue } from '../queue/qbd-queue.js';
import { normaliseQbdPayment, QBD_PAYMENT_KINDS, type QbdPaymentType } from './normalise-qbd-payment.js';
import { paymentPolls } from './payment-reads.js';

const isPaymentType = (resource: string): resource is QbdPaymentType => Object.hasOwn(QBD_PAYMENT_KINDS, resource);

/**
 * QuickBooks Desktop as the books of a connection, inbound: payments made there (bill payments
 * by check or card, received payments) are read through the Web Connector on every poll. A
 * notice carries the payment as QuickBooks answered it, so "fetching" it is normalising it.
 */
@Injectable()
export class QbdSource implements SourceSystem, OnModuleInit {
  readonly source = 'qbd';

  constructor(private readonly systems: SourceSystems, private readonly queue: QbdQueue) {}

  onModuleInit(): void {
    this.systems.register(this);
  }

  serves(connection: ConnectionConfig): boolean {
    return connection.accounting.system === 'qbd';
  }

  fetch(ctx: FetchContext): Promise<FetchOutcome> {
    const { resource, raw } = ctx.notice;
    if (!isPaymentType(resource) || !isJson(raw)) return Promise.resolve(ignored(`QuickBooks Desktop ${resource} is not followed`));
    const normalised = normaliseQbdPayment(resource, raw);
    const ref = refOf(ctx, 'qbd', normalised.snapshot.kind);
    return Promise.resolve({ kind: 'observed', observation: { ref, version: normalised.version, snapshot: normalised.snapshot, raw } });
  }

  async polls(connection: ConnectionConfig): Promise<readonly ResourcePoll[]> {
    return paymentPolls(this.queue, connection.name);
  }
}
