import { unwrap } from '../../../platform/http/api-result.js';
import type { QboObject, QuickBooksClient } from '../quickbooks-client.js';
import { pollNoticeId, type ChangeNotice } from '../../pipeline/inbound/inbox/inbox-events.js';
import { isHubMarked } from './normalise-books.js';
import { idOf, isoTime, obj, text } from '../../pipeline/inbound/normalise/json-read.js';
import { QBO_OBJECTS, QBO_PAYMENTS } from './quickbooks-fetch.js';
import { relevant } from '../../pipeline/inbound/processing/books-objects.js';
import type { KnownObjects } from '../../pipeline/inbound/state/inbound-tables.js';
import type { PollWindow, ResourcePoll } from '../../pipeline/inbound/polling/poll-types.js';

/** CDC looks back 30 days at most and answers 1000 objects at most (facts qbo §4). */
const CDC_WINDOW_MS = 30 * 24 * 3600 * 1000 - 5 * 60_000;
const CDC_CAP = 1000;
/** TimeActivity is not in CDC (facts §4): its hand edits are seen by webhook only. */
const CDC_ENTITIES = [...Object.keys(QBO_PAYMENTS), ...Object.keys(QBO_OBJECTS).filter((e) => e !== 'TimeActivity')];

const qboNotice = (connection: string, entity: string, object: QboObject): ChangeNotice | undefined => {
  const id = idOf(object.Id);
  const version = isoTime(obj(object.MetaData)?.LastUpdatedTime);
  if (!id || !version) return undefined;
  const deleted = text(object.status)?.toLowerCase() === 'deleted';
  return {
    connection, source: 'quickbooks', resource: entity, resourceId: id, projectId: null, action: deleted ? 'delete' : 'update',
    occurredAt: version, version, noticeId: pollNoticeId(entity, id, version), raw: { entity, Id: id, LastUpdatedTime: version, deleted },
  };
};

/** QuickBooks change data capture since the cursor (clamped to 30 days), narrowed when it hits the cap. */
export const quickBooksPoll = (client: QuickBooksClient, connection: string, known: KnownObjects, now: () => number): ResourcePoll => ({
  key: 'cdc',
  run: async (window: PollWindow) => {
    const earliest = new Date(now() - CDC_WINDOW_MS);
    const since = window.since && window.since > earliest ? window.since : earliest;
    const changes = unwrap('quickbooks', await client.changedSince(CDC_ENTITIES, since));
    const notices: ChangeNotice[] = [];
    for (const { entity, object } of changes) {
      const notice = qboNotice(connection, entity, object);
      if (!notice) continue;
      const isPayment = QBO_PAYMENTS[entity] !== undefined;
      if (isPayment || await relevant(known, connection, 'quickbooks', entity, notice.resourceId, isHubMarked(object.PrivateNote, object.DocNumber))) notices.push(notice);
    }
    const latest = changes.length >= CDC_CAP ? notices.reduce((max, n) => (n.version && n.version > max ? n.version : max), since.toISOString()) : undefined;
    return { notices, ...(latest ? { resumeAt: new Date(latest) } : {}) };
  },
});
