import { Injectable } from '@nestjs/common';
import { ConnectionsService } from '../connections.service.js';
import type { ChangeNotice } from '../inbox/inbox-events.js';
import { InboxWriter } from '../inbox/inbox-writer.js';
import { isJsonContentType, parseJson } from './payload-guards.js';
import { parseProcorePayload } from '../../../procore/inbound/procore-payload.js';
import { parseQuickBooksPayload } from '../../../quickbooks/inbound/quickbooks-payload.js';
import { keysSigning, secretsMatch, singleHeader } from './signatures.js';
import { rejectWebhook, type RawDelivery } from './webhook-problems.js';
import { parseXeroPayload } from '../../../xero/inbound/xero-payload.js';

export interface Receipt {
  /** Notices newly recorded in the inbox. */
  readonly received: number;
  /** Already recorded: redeliveries. */
  readonly duplicates: number;
  /** Valid, but for no configured connection or project. */
  readonly ignored: number;
}

const header = (delivery: RawDelivery, name: string): string | undefined => singleHeader(delivery.headers[name]);

/** Signature first, then the media type, then the JSON: nothing is parsed for an unsigned sender. */
const jsonBody = (delivery: RawDelivery): unknown => {
  if (!isJsonContentType(delivery.contentType)) return rejectWebhook(delivery, 415, 'unsupported-media-type', 'webhook bodies must be JSON (application/json)');
  const body = parseJson(delivery.body);
  return body.ok ? body.value : rejectWebhook(delivery, 400, 'malformed-webhook', body.detail);
};

/**
 * Verifies, parses and records webhook deliveries. It only appends to the inbox: fetching
 * the documents happens after the answer (senders time out after 3-5 s and retry).
 */
@Injectable()
export class WebhookIntake {
  constructor(private readonly connections: ConnectionsService, private readonly inbox: InboxWriter) {}

  /** Procore signs nothing: it sends back the Authorization header configured on the hook (facts §6.2). */
  async procore(connectionName: string, delivery: RawDelivery): Promise<Receipt> {
    const connection = this.connections.get(connectionName);
    const expected = connection?.construction.webhookAuthorization ?? '';
    if (!secretsMatch(header(delivery, 'authorization'), expected) || !connection) {
      return rejectWebhook(delivery, 401, 'webhook-unauthorized', 'the Authorization header does not match this connection');
    }
    const payload = parseProcorePayload(jsonBody(delivery));
    if (!payload.ok) return rejectWebhook(delivery, 400, 'malformed-webhook', payload.detail);
    const { companyId, payloadVersion: _version, ...notice } = payload.value;
    if (companyId !== null && companyId !== connection.construction.companyId) {
      return rejectWebhook(delivery, 422, 'wrong-company', `company_id ${companyId} is not this connection's company`);
    }
    const projects = connection.construction.projectIds;
    if (projects && notice.projectId !== null && !projects.includes(notice.projectId)) return { received: 0, duplicates: 0, ignored: 1 };
    return this.record([{ ...notice, connection: connection.name, source: 'procore' }], 0);
  }

  /** `intuit-signature` over the raw bytes; the delivery's realms pick the connections. */
  async quickBooks(delivery: RawDelivery): Promise<Receipt> {
    const signedWith = keysSigning(header(delivery, 'intuit-signature'), this.connections.quickBooksVerifierTokens(), delivery.body);
    if (signedWith.length === 0) return rejectWebhook(delivery, 401, 'webhook-unauthorized', 'intuit-signature is missing or does not match');
    const payload = parseQuickBooksPayload(jsonBody(delivery));
    if (!payload.ok) return rejectWebhook(delivery, 400, 'malformed-webhook', payload.detail);
    let ignored = 0;
    const notices = payload.value.flatMap(({ realmId, ...notice }) => {
      const targets = this.connections.quickBooksByRealm(realmId, signedWith);
      if (targets.length === 0) ignored++;
      return targets.map((c): ChangeNotice => ({ ...notice, connection: c.name, source: 'quickbooks' }));
    });
    return this.record(notices, ignored);
  }

  /** `x-xero-signature`; an intent-to-receive probe is a signed delivery with no events. */
  async xero(delivery: RawDelivery): Promise<Receipt> {
    const signedWith = keysSigning(header(delivery, 'x-xero-signature'), this.connections.xeroWebhookKeys(), delivery.body);
    if (signedWith.length === 0) return rejectWebhook(delivery, 401, 'webhook-unauthorized', 'x-xero-signature is missing or does not match');
    const payload = parseXeroPayload(jsonBody(delivery));
    if (!payload.ok) return rejectWebhook(delivery, 400, 'malformed-webhook', payload.detail);
    let ignored = 0;
    const notices = payload.value.flatMap(({ tenantId, ...notice }) => {
      const targets = this.connections.xeroByTenant(tenantId, signedWith);
      if (targets.length === 0) ignored++;
      return targets.map((c): ChangeNotice => ({ ...notice, connection: c.name, source: 'xero' }));
    });
    return this.record(notices, ignored);
  }

  private async record(notices: readonly ChangeNotice[], ignored: number): Promise<Receipt> {
    const { written, duplicates } = await this.inbox.append(notices, 'webhook');
    return { received: written, duplicates, ignored };
  }
}
