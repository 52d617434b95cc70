import { Inject, Injectable } from '@nestjs/common';
import { EventIdConflictError, type EventStore } from '../../../../eventstore/index.js';
import { EVENT_STORE } from '../../../../platform/tokens.js';
import { inboxEvent, inboxStream, type ChangeNotice, type InboxVia } from './inbox-events.js';

export interface AppendOutcome {
  /** Newly recorded. */
  readonly written: number;
  /** Already in the inbox (a redelivery, or a poll of a version already announced). */
  readonly duplicates: number;
}

/**
 * Appends change notices to `{connection}.inbox.{source}`, one append per notice: each is
 * idempotent by its deterministic id, and one already-known notice in a batched delivery
 * must not turn the others into a conflict.
 */
@Injectable()
export class InboxWriter {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async append(notices: readonly ChangeNotice[], via: InboxVia): Promise<AppendOutcome> {
    const results = await Promise.all(notices.map((notice) => this.appendOne(notice, via)));
    const written = results.filter(Boolean).length;
    return { written, duplicates: results.length - written };
  }

  private async appendOne(notice: ChangeNotice, via: InboxVia): Promise<boolean> {
    try {
      const result = await this.store.append(inboxStream(notice.connection, notice.source), [inboxEvent(notice, via)], 'any');
      return result.written;
    } catch (error) {
      // Same id with other content: the sender re-sent an event id with a changed body. The first one stands.
      if (error instanceof EventIdConflictError) return false;
      throw error;
    }
  }
}
