import type { Company } from '../model/company.js';
import { NAME_LIST, isDoc, type Doc, type EntityName } from '../model/entity-types.js';
import { centsFromWire, isMoneyKey } from '../model/money.js';
import { errors } from '../model/qbo-error.js';
import { toWire, viewOf } from '../model/view.js';
import { filterableProperty } from './filterable.js';
import { parseQuery, type Condition, type Literal, type ParsedQuery } from './parse.js';

const TIMESTAMPS = new Set(['MetaData.CreateTime', 'MetaData.LastUpdatedTime']);
const DATES = new Set(['TxnDate', 'DueDate']);
export const MAX_RESULTS = 1000;

type Comparable = string | number | boolean;

/** A property's value on a document, normalised for comparison (refs by value, times as epoch ms). */
const valueAt = (doc: Doc, prop: string): Comparable | undefined => {
  let value: unknown = doc;
  for (const part of prop.split('.')) value = isDoc(value) ? value[part] : undefined;
  if (isDoc(value)) value = value.value;
  if (TIMESTAMPS.has(prop) && typeof value === 'string') return Date.parse(value);
  if (typeof value === 'string') return value.toLowerCase();
  return typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
};

/** A query literal in the same normal form as `valueAt`. */
const literalFor = (prop: string, literal: Literal): Comparable => {
  if (TIMESTAMPS.has(prop)) {
    const ms = Date.parse(String(literal));
    if (Number.isNaN(ms)) throw errors.queryInvalid(`'${String(literal)}' is not a valid date-time for ${prop}`);
    return ms;
  }
  if (isMoneyKey(prop)) {
    try {
      return centsFromWire(literal, prop);
    } catch {
      throw errors.queryInvalid(`'${String(literal)}' is not a valid amount for ${prop}`);
    }
  }
  if (DATES.has(prop) && Number.isNaN(Date.parse(String(literal)))) throw errors.queryInvalid(`'${String(literal)}' is not a valid date for ${prop}`);
  if (typeof literal === 'string' && (literal === 'true' || literal === 'false') && ['Active', 'Job', 'SubAccount', 'SubClass', 'Vendor1099', 'IsProject'].includes(prop)) {
    return literal === 'true';
  }
  return typeof literal === 'string' ? literal.toLowerCase() : literal;
};

const likePattern = (pattern: string): RegExp => {
  const escaped = pattern.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*');
  return new RegExp(`^${escaped}$`, 's');
};

const compare = (a: Comparable, b: Comparable): number => (a < b ? -1 : a > b ? 1 : 0);

type Matcher = (doc: Doc) => boolean;

const matcher = (entity: EntityName, cond: Condition): Matcher => {
  const prop = filterableProperty(entity, cond.prop);
  if (prop === 'Id' && cond.op !== '=' && cond.op !== 'IN') throw errors.queryInvalid('Id supports only the = and IN operators');
  if (cond.op === 'LIKE') {
    const pattern = cond.values[0];
    if (typeof pattern !== 'string' || !pattern.includes('%')) throw errors.queryInvalid('LIKE needs a quoted pattern with %');
    const regex = likePattern(pattern);
    return (doc) => {
      const value = valueAt(doc, prop);
      return typeof value === 'string' && regex.test(value);
    };
  }
  const wanted = cond.values.map((v) => literalFor(prop, v));
  return (doc) => {
    const value = valueAt(doc, prop);
    if (value === undefined) return false;
    const first = wanted[0] as Comparable;
    switch (cond.op) {
      case 'IN': case '=': return wanted.some((w) => compare(value, w) === 0);
      case '<': return compare(value, first) < 0;
      case '>': return compare(value, first) > 0;
      case '<=': return compare(value, first) <= 0;
      default: return compare(value, first) >= 0;
    }
  };
};

const validatePaging = (query: ParsedQuery): void => {
  if (query.max < 1 || query.max > MAX_RESULTS) throw errors.queryInvalid(`MAXRESULTS ${query.max} is out of range; max allowed value is ${MAX_RESULTS}`);
  if (query.start < 1) throw errors.queryInvalid('STARTPOSITION starts at 1');
};

/** Name-list queries return active records only unless the query itself filters on Active. */
const activeOnly = (query: ParsedQuery): boolean =>
  NAME_LIST.has(query.entity) && !query.where.some((c) => c.prop.toLowerCase() === 'active');

const sorter = (query: ParsedQuery) => (a: Doc, b: Doc): number => {
  for (const key of query.orderBy) {
    const prop = filterableProperty(query.entity, key.prop);
    const x = valueAt(a, prop);
    const y = valueAt(b, prop);
    const order = x === undefined ? (y === undefined ? 0 : -1) : y === undefined ? 1 : compare(x, y);
    if (order !== 0) return key.desc ? -order : order;
  }
  return 0;
};

/** Runs a SELECT and returns the `QueryResponse` object (`{}` when nothing matches). */
export const runQuery = (company: Company, text: string): Doc => {
  const query = parseQuery(text);
  validatePaging(query);
  for (const key of query.orderBy) filterableProperty(query.entity, key.prop);
  const matchers = query.where.map((cond) => matcher(query.entity, cond));
  const views = company.all(query.entity)
    .map((stored) => viewOf(company, stored))
    .filter((doc) => (!activeOnly(query) || doc.Active !== false) && matchers.every((m) => m(doc)));
  if (query.count) return { totalCount: views.length };
  const page = [...views].sort(sorter(query)).slice(query.start - 1, query.start - 1 + query.max);
  if (page.length === 0) return {};
  return { [query.entity]: page.map(toWire), startPosition: query.start, maxResults: page.length };
};
