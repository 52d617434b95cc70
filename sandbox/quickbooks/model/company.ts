import { metaTime, toSecond } from './clock.js';
import type { Doc, EntityName } from './entity-types.js';
import { DEFAULT_CLASS_TRACKING, type ClassTrackingPrefs, type SandboxWarning } from './preferences.js';

export type ChangeOperation = 'Create' | 'Update' | 'Delete' | 'Void';

export interface ChangeEvent {
  readonly realmId: string;
  readonly entity: EntityName;
  readonly id: string;
  readonly operation: ChangeOperation;
  readonly at: Date;
}

/** One stored entity: the document as QuickBooks would return it, with money in cents. */
export interface StoredEntity {
  readonly entity: EntityName;
  doc: Doc;
  /** Epoch ms of `MetaData.LastUpdatedTime`, floored to the second as shown. */
  updatedMs: number;
  voided: boolean;
}

export interface Tombstone {
  readonly entity: EntityName;
  readonly id: string;
  readonly deletedMs: number;
}

/** A response remembered under a `requestid`, replayed verbatim. */
export interface CachedReply {
  readonly status: number;
  readonly body: unknown;
}

/** Class ids in QuickBooks are 18-digit numbers; other ids are small counters. */
const CLASS_ID_BASE = 200000000000000000n;
const FIRST_ID = 100;

/** One QuickBooks company (realm): its entities, deletions (for CDC) and requestid memory. */
export class Company {
  private readonly tables = new Map<EntityName, Map<string, StoredEntity>>();
  private readonly counters = new Map<EntityName, number>();
  private readonly requestIds = new Map<string, CachedReply>();
  private readonly listeners: Array<(event: ChangeEvent) => void> = [];
  readonly tombstones: Tombstone[] = [];
  /** When false, `requestid` is ignored: a retried write executes again (the duplicate users report). */
  honorRequestIds = true;
  /** Preferences.AccountingInfoPrefs' class tracking, set through the admin API. */
  classTracking: ClassTrackingPrefs = { ...DEFAULT_CLASS_TRACKING };
  /** What QuickBooks ignores without a word (a misplaced ClassRef), newest last. */
  readonly warnings: SandboxWarning[] = [];

  constructor(readonly realmId: string, readonly companyName: string, readonly clock: () => Date) {}

  get(entity: EntityName, id: string): StoredEntity | undefined {
    return this.table(entity).get(id);
  }

  /** Live entities in creation order. */
  all(entity: EntityName): StoredEntity[] {
    return [...this.table(entity).values()];
  }

  insert(entity: EntityName, doc: Doc, id = this.nextId(entity)): StoredEntity {
    const now = this.clock();
    const time = metaTime(now);
    const stored: StoredEntity = {
      entity,
      doc: { ...doc, Id: id, SyncToken: '0', MetaData: { CreateTime: time, LastUpdatedTime: time } },
      updatedMs: toSecond(now.getTime()),
      voided: false,
    };
    this.table(entity).set(id, stored);
    this.bumpCounter(entity, id);
    this.emit(entity, id, 'Create', now);
    return stored;
  }

  /** Writes a new version: SyncToken + 1 and a new LastUpdatedTime, CreateTime kept. */
  replace(stored: StoredEntity, doc: Doc, operation: ChangeOperation = 'Update'): StoredEntity {
    const now = this.clock();
    const previous = stored.doc;
    const createTime = (previous.MetaData as Doc | undefined)?.CreateTime;
    stored.doc = {
      ...doc,
      Id: previous.Id,
      SyncToken: String(Number(previous.SyncToken) + 1),
      MetaData: { CreateTime: createTime, LastUpdatedTime: metaTime(now) },
    };
    stored.updatedMs = toSecond(now.getTime());
    if (operation === 'Void') stored.voided = true;
    this.emit(stored.entity, String(previous.Id), operation, now);
    return stored;
  }

  remove(stored: StoredEntity): void {
    const now = this.clock();
    const id = String(stored.doc.Id);
    this.table(stored.entity).delete(id);
    this.tombstones.push({ entity: stored.entity, id, deletedMs: toSecond(now.getTime()) });
    this.emit(stored.entity, id, 'Delete', now);
  }

  onChange(listener: (event: ChangeEvent) => void): void {
    this.listeners.push(listener);
  }

  replay(requestId: string): CachedReply | undefined {
    return this.honorRequestIds ? this.requestIds.get(requestId) : undefined;
  }

  remember(requestId: string, reply: CachedReply): void {
    if (this.honorRequestIds) this.requestIds.set(requestId, reply);
  }

  forgetRequestIds(): void {
    this.requestIds.clear();
  }

  private table(entity: EntityName): Map<string, StoredEntity> {
    let table = this.tables.get(entity);
    if (!table) {
      table = new Map();
      this.tables.set(entity, table);
    }
    return table;
  }

  private nextId(entity: EntityName): string {
    const next = this.counters.get(entity) ?? FIRST_ID;
    return entity === 'Class' ? String(CLASS_ID_BASE + BigInt(next)) : String(next);
  }

  private bumpCounter(entity: EntityName, id: string): void {
    if (!/^\d+$/.test(id)) return;
    const numeric = entity === 'Class' ? Number(BigInt(id) - CLASS_ID_BASE) : Number(id);
    const next = this.counters.get(entity) ?? FIRST_ID;
    if (Number.isSafeInteger(numeric) && numeric >= next) this.counters.set(entity, numeric + 1);
  }

  private emit(entity: EntityName, id: string, operation: ChangeOperation, at: Date): void {
    for (const listener of this.listeners) listener({ realmId: this.realmId, entity, id, operation, at });
  }
}
