import { Injectable } from '@nestjs/common';
import { ConnectionsService } from '../connections.service.js';
import type { ChangeNotice } from '../inbox/inbox-events.js';
import { InboxWriter } from '../inbox/inbox-writer.js';
import { isJsonContentType, parseJson } from './payload-guards.js';
import { singleHeader } from './signatures.js';
import { rejectWebhook, type RawDelivery } from './webhook-problems.js';

export interface Receipt {
  /** Notices newly recorded in the inbox. */
  readonly received: number;
  /** Already recorded: redeliveries. */
  readonly duplicates: number;
  /** Valid, but for no configured connection or project. */
  readonly ignored: number;
}

export const header = (delivery: RawDelivery, name: string): string | undefined => singleHeader(delivery.headers[name]);

/** Signature first, then the media type, then the JSON: nothing is parsed for an unsigned sender. */
export const jsonBody = (delivery: RawDelivery): unknown => {
  if (!isJsonContentType(delivery.contentType)) return rejectWebhook(delivery, 415, 'unsupported-media-type', 'webhook bodies must be JSON (application/json)');
  const body = parseJson(delivery.body);
  return body.ok ? body.value : rejectWebhook(delivery, 400, 'malformed-webhook', body.detail);
};

/**
 * Records verified webhook deliveries: each system's webhook controller (in its own folder)
 * verifies and parses, then appends here. Only the inbox is written: fetching the documents
 * happens after the answer (senders time out after 3-5 s and retry).
 */
@Injectable()
export class WebhookIntake {
  constructor(readonly connections: ConnectionsService, private readonly inbox: InboxWriter) {}

  /** Appends the notices a verified delivery carries; `ignored`: valid ones for no configured connection. */
  async record(notices: readonly ChangeNotice[], ignored: number): Promise<Receipt> {
    const { written, duplicates } = await this.inbox.append(notices, 'webhook');
    return { received: written, duplicates, ignored };
  }
}
