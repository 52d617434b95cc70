import type { Company } from '../model/company.js';
import { metaTime } from '../model/clock.js';
import { CDC_UNSUPPORTED, entityByName, type Doc, type EntityName } from '../model/entity-types.js';
import { errors } from '../model/qbo-error.js';
import { deletedStub, present } from '../model/view.js';

export const CDC_MAX_OBJECTS = 1000;
const WINDOW_MS = 30 * 24 * 3600 * 1000;

interface Change {
  readonly entity: EntityName;
  readonly ms: number;
  readonly doc: Doc;
}

const entitiesOf = (param: string | undefined): EntityName[] => {
  const names = (param ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  if (names.length === 0) throw errors.required('entities');
  return [...new Set(names)].map((name) => {
    const entity = entityByName(name);
    if (CDC_UNSUPPORTED.has(name.toLowerCase()) || !entity) {
      throw errors.invalidProperty(`Property Name:entities specified is unsupported or invalid: ${name} is not supported by ChangeDataCapture`);
    }
    return entity;
  });
};

const sinceOf = (param: string | undefined, now: Date): number => {
  if (!param) throw errors.required('changedSince');
  const ms = Date.parse(param);
  if (Number.isNaN(ms)) throw errors.invalidProperty(`Property Name:changedSince specified is unsupported or invalid: ${param}`);
  if (now.getTime() - ms > WINDOW_MS) {
    throw errors.invalidProperty(`Property Name:changedSince specified is unsupported or invalid: it can't be more than 30 days in the past`);
  }
  return ms;
};

const changesOf = (company: Company, entity: EntityName, since: number): Change[] => [
  ...company.all(entity).filter((s) => s.updatedMs >= since).map((s) => ({ entity, ms: s.updatedMs, doc: present(company, s) })),
  ...company.tombstones.filter((t) => t.entity === entity && t.deletedMs >= since).map((t) => ({
    entity,
    ms: t.deletedMs,
    doc: { ...deletedStub(t.id), MetaData: { LastUpdatedTime: metaTime(new Date(t.deletedMs)) } },
  })),
];

/**
 * `GET /cdc?entities=Bill,Vendor&changedSince=…`: everything changed or deleted since then,
 * oldest first, at most 1000 objects in all (callers narrow the window to see the rest).
 */
export const runCdc = (company: Company, entitiesParam: string | undefined, changedSince: string | undefined, now: Date): Doc[] => {
  const entities = entitiesOf(entitiesParam);
  const since = sinceOf(changedSince, now);
  const kept = entities.flatMap((entity) => changesOf(company, entity, since))
    .sort((a, b) => a.ms - b.ms)
    .slice(0, CDC_MAX_OBJECTS);
  const responses = entities.map((entity) => {
    const docs = kept.filter((c) => c.entity === entity).map((c) => c.doc);
    return docs.length === 0 ? {} : { [entity]: docs, startPosition: 1, maxResults: docs.length, totalCount: docs.length };
  });
  return [{ QueryResponse: responses }];
};
