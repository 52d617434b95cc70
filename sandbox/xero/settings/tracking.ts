import { isObject, readString, sameText } from '../support/json.js';
import { failed, succeeded, type Outcome } from '../support/outcome.js';
import type { TrackingCategoryRec, TrackingOptionRec } from '../org/model.js';
import type { UnitOfWork } from '../org/organisation.js';

/** An organisation has at most two active tracking categories; names are at most 100 characters. */
const MAX_ACTIVE_CATEGORIES = 2;
const MAX_NAME = 100;
/** Options per category: the facts leave the maximum UNCONFIRMED; the stricter reading is Xero Central's 100 active options. */
export const MAX_ACTIVE_OPTIONS = 100;

const checkName = (name: string | undefined, what: string): string | undefined => {
  if (!name?.trim()) return `The ${what} name must be specified.`;
  if (name.length > MAX_NAME) return `The ${what} name must not be longer than ${MAX_NAME} characters.`;
  return undefined;
};

export const createTrackingCategory = (raw: unknown, uow: UnitOfWork): Outcome<TrackingCategoryRec> => {
  if (!isObject(raw)) return failed('The tracking category must be an object.');
  const name = readString(raw, 'Name')?.trim();
  const problem = checkName(name, 'tracking category');
  if (problem || !name) return failed(problem ?? '');
  const active = [...uow.org.data.tracking.values()].filter((t) => t.Status === 'ACTIVE');
  if (active.some((t) => sameText(t.Name, name))) return failed(`A tracking category named '${name}' already exists.`);
  if (active.length >= MAX_ACTIVE_CATEGORIES) return failed('An organisation can have a maximum of 2 active tracking categories.');
  const category: TrackingCategoryRec = { TrackingCategoryID: uow.newId(), Name: name, Status: 'ACTIVE', Options: [] };
  uow.org.data.tracking.set(category.TrackingCategoryID, category);
  return succeeded(category);
};

export const addTrackingOption = (category: TrackingCategoryRec, raw: unknown, uow: UnitOfWork): Outcome<TrackingOptionRec> => {
  if (!isObject(raw)) return failed('The tracking option must be an object.');
  const name = readString(raw, 'Name')?.trim();
  const problem = checkName(name, 'tracking option');
  if (problem || !name) return failed(problem ?? '');
  if (category.Options.some((o) => sameText(o.Name, name))) return failed(`The tracking option '${name}' already exists in '${category.Name}'.`);
  if (category.Options.filter((o) => o.Status === 'ACTIVE').length >= MAX_ACTIVE_OPTIONS) return failed(`The tracking category '${category.Name}' already has ${MAX_ACTIVE_OPTIONS} active options; archive one first.`);
  const option: TrackingOptionRec = { TrackingOptionID: uow.newId(), Name: name, Status: 'ACTIVE' };
  category.Options.push(option);
  return succeeded(option);
};

export const trackingView = (category: TrackingCategoryRec, includeArchived = false): Record<string, unknown> => ({
  TrackingCategoryID: category.TrackingCategoryID,
  Name: category.Name,
  Status: category.Status,
  Options: category.Options.filter((o) => includeArchived || o.Status === 'ACTIVE').map((o) => ({ ...o })),
});
