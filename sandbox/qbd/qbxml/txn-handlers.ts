import { formatCents, multiplyToCents, parseScaled } from '../company/decimal.js';
import type { LineRecord, TxnLink, TxnRecord } from '../company/records.js';
import type { HandlerResult, RequestContext } from './context.js';
import { mergeFields, qbTimeValue } from './list-handlers.js';
import { runQuery } from './query.js';
import { resolveChildren } from './resolve.js';
import { pickElements, txnRet } from './ret.js';
import type { FieldSpec } from './schema.js';
import { PAYMENT_KINDS, TXN_SPECS, entityFilterOf, isBillPayment, type TxnSpec } from './txn-specs.js';
import { QbStatus, invalidValue, locked, notFound, staleEditSequence } from './status.js';
import { child, children, el, leaf, textOf, type XmlNode } from './xml.js';

const cents = (node: XmlNode, name: string): bigint | undefined => {
  const text = textOf(node, name);
  return text === undefined ? undefined : parseScaled(text, 2);
};
const scaled5 = (node: XmlNode, name: string): bigint | undefined => {
  const text = textOf(node, name);
  return text === undefined ? undefined : parseScaled(text, 5);
};

/** A line's amount: Amount when given, else Quantity (1 when absent) × Cost or Rate. */
const lineAmount = (line: XmlNode): bigint => {
  const amount = cents(line, 'Amount');
  if (amount !== undefined) return amount;
  const unit = scaled5(line, 'Cost') ?? scaled5(line, 'Rate');
  return unit === undefined ? 0n : multiplyToCents(scaled5(line, 'Quantity') ?? 100000n, unit);
};

const withAmount = (fields: XmlNode[], amount: bigint): XmlNode[] =>
  fields.some((f) => f.name === 'Amount') ? fields : [...fields, leaf('Amount', formatCents(amount))];

const lineSpecs = (spec: FieldSpec[] | readonly FieldSpec[], name: string): readonly FieldSpec[] =>
  spec.find((s) => s.name === name)?.children ?? [];

const consumeLock = (ctx: RequestContext, kind: string): void => {
  if (ctx.lockedWrites.remaining <= 0) return;
  ctx.lockedWrites.remaining--;
  throw locked(kind);
};

const entityOf = (fields: readonly XmlNode[], refName: string): string | undefined => {
  const node = fields.find((f) => f.name === refName);
  return node ? textOf(node, 'ListID') : undefined;
};

interface Application { readonly target: TxnRecord; readonly amount: bigint; readonly credits: ReadonlyArray<{ credit: TxnRecord; amount: bigint }> }

/** AppliedToTxnAdd of a bill payment or received payment: same payee, never more than is open. */
const applications = (ctx: RequestContext, spec: TxnSpec, fields: readonly XmlNode[], entityId: string | undefined): Application[] => {
  const targetKind = isBillPayment(spec.kind) ? 'Bill' : 'Invoice';
  const entityRef = targetKind === 'Bill' ? 'VendorRef' : 'CustomerRef';
  const pending = new Map<string, bigint>();
  return fields.filter((f) => f.name === 'AppliedToTxnAdd').map((applied) => {
    const txnId = textOf(applied, 'TxnID') ?? '';
    const target = ctx.company.txnById(txnId);
    if (!target || target.kind !== targetKind || ctx.company.refListId(target, entityRef) !== entityId) throw notFound(txnId);
    const amount = cents(applied, 'PaymentAmount') ?? 0n;
    const credits = children(applied, 'SetCredit').map((set) => {
      const creditId = textOf(set, 'CreditTxnID') ?? '';
      const credit = ctx.company.txnById(creditId);
      if (!credit || ctx.company.refListId(credit, entityRef) !== entityId) throw notFound(creditId);
      const use = cents(set, 'AppliedAmount') ?? 0n;
      if (use > credit.total - credit.applied) throw invalidValue('AppliedAmount', formatCents(use), 'The credit applied is more than the credit remaining.');
      return { credit, amount: use };
    });
    const already = pending.get(txnId) ?? 0n;
    const total = amount + credits.reduce((s, c) => s + c.amount, 0n);
    if (total + already > target.total - target.applied) {
      throw invalidValue('PaymentAmount', formatCents(amount), 'You cannot pay more than the amount due.');
    }
    pending.set(txnId, already + total);
    return { target, amount, credits };
  });
};

/** Moves payments onto what they pay and stores AppliedToTxnRet on the payment. */
const apply = (ctx: RequestContext, payment: TxnRecord, list: readonly Application[]): void => {
  for (const a of list) {
    const paid = a.amount + a.credits.reduce((s, c) => s + c.amount, 0n);
    a.target.applied += paid;
    a.target.links.push({ txnId: payment.txnId, kind: payment.kind, amount: -a.amount });
    ctx.company.touchTxn(a.target);
    for (const c of a.credits) {
      c.credit.applied += c.amount;
      ctx.company.touchTxn(c.credit);
    }
    payment.applied += a.amount;
    payment.fields.push(el('AppliedToTxnRet', [
      leaf('TxnID', a.target.txnId), leaf('TxnType', a.target.kind), leaf('Amount', formatCents(a.amount)),
    ]));
  }
};

/** IsAutoApply on a received payment: oldest open invoices of the customer first. */
const autoApply = (ctx: RequestContext, customerId: string | undefined, total: bigint): Application[] => {
  let left = total;
  const result: Application[] = [];
  for (const invoice of ctx.company.txnsOf('Invoice')) {
    if (left <= 0n || ctx.company.refListId(invoice, 'CustomerRef') !== customerId) continue;
    const open = invoice.total - invoice.applied;
    if (open <= 0n) continue;
    const amount = open < left ? open : left;
    result.push({ target: invoice, amount, credits: [] });
    left -= amount;
  }
  return result;
};

const buildLines = (ctx: RequestContext, spec: TxnSpec, fields: readonly XmlNode[]): LineRecord[] =>
  fields.filter((f) => spec.lines[f.name]).map((line) => {
    const amount = lineAmount(line);
    return { txnLineId: ctx.company.newId(), retName: spec.lines[line.name] ?? line.name, fields: withAmount([...line.children], amount), amount };
  });

const links = (ctx: RequestContext, spec: TxnSpec, fields: readonly XmlNode[], entityId: string | undefined): TxnLink[] =>
  fields.filter((f) => f.name === 'LinkToTxnID').map((f) => {
    const linked = ctx.company.txnById(f.text);
    if (!linked) throw notFound(f.text);
    if (ctx.company.refListId(linked, spec.entity) !== entityId) {
      throw invalidValue('LinkToTxnID', f.text, `The transaction is not for the same ${spec.entity.replace('Ref', '').toLowerCase()}.`);
    }
    return { txnId: linked.txnId, kind: linked.kind, amount: linked.total };
  });

const HEADER_SKIP = new Set(['TxnID', 'EditSequence', 'LinkToTxnID', 'AppliedToTxnAdd', 'IsAutoApply', 'ClearExpenseLines', 'ClearItemLines']);

const includeNames = (rq: XmlNode): string[] => children(rq, 'IncludeRetElement').map((n) => n.text);

export const txnAdd = (ctx: RequestContext, kind: string, rq: XmlNode): HandlerResult => {
  const spec = TXN_SPECS[kind];
  const body = child(rq, `${kind}Add`);
  if (!spec || !body) throw new Error(`no ${kind}Add`);
  const fields = resolveChildren(ctx.company, body, spec.add, kind);
  const entityId = entityOf(fields, spec.entity);
  const linked = links(ctx, spec, fields, entityId);
  const lines = buildLines(ctx, spec, fields);
  const isPayment = PAYMENT_KINDS.has(kind);
  let applied: Application[] = [];
  let total = lines.reduce((sum, l) => sum + l.amount, 0n);
  if (isPayment) {
    const given = cents(body, 'TotalAmount');
    applied = textOf(body, 'IsAutoApply') === 'true' ? autoApply(ctx, entityId, given ?? 0n) : applications(ctx, spec, fields, entityId);
    const sum = applied.reduce((s, a) => s + a.amount, 0n);
    if (given !== undefined && sum > given) throw invalidValue('TotalAmount', formatCents(given), 'The amounts applied are more than the payment.');
    total = given ?? sum;
  }
  consumeLock(ctx, kind);
  const header = fields.filter((f) => !spec.lines[f.name] && !HEADER_SKIP.has(f.name) && f.name !== 'TotalAmount');
  const record = ctx.company.addTxn(kind, header, lines, total, linked);
  if (isPayment) apply(ctx, record, applied);
  return { rets: [pickElements(txnRet(record, { lines: true, linked: true }), includeNames(rq))] };
};

/** Line mods: TxnLineID -1 adds a line; lines of a type not named in a mod of that type are deleted (QuickBooks' rule). */
const modLines = (ctx: RequestContext, spec: TxnSpec, record: TxnRecord, body: XmlNode, fields: readonly XmlNode[], specs: readonly FieldSpec[]): LineRecord[] => {
  let lines = [...record.lines];
  if (textOf(body, 'ClearExpenseLines') === 'true') lines = lines.filter((l) => l.retName !== 'ExpenseLineRet');
  if (textOf(body, 'ClearItemLines') === 'true') lines = lines.filter((l) => l.retName !== 'ItemLineRet');
  const mods = fields.filter((f) => spec.lines[f.name]);
  const retNames = new Set(mods.map((m) => spec.lines[m.name]));
  if (retNames.size === 0) return lines;
  const kept = lines.filter((l) => !retNames.has(l.retName));
  const changed = mods.map((mod) => {
    const lineId = textOf(mod, 'TxnLineID') ?? '';
    const lineFields = mod.children.filter((c) => c.name !== 'TxnLineID');
    const order = lineSpecs(specs, mod.name);
    if (lineId === '-1') {
      const amount = lineAmount(mod);
      return { txnLineId: ctx.company.newId(), retName: spec.lines[mod.name] ?? mod.name, fields: withAmount(lineFields, amount), amount };
    }
    const existing = lines.find((l) => l.txnLineId === lineId && l.retName === spec.lines[mod.name]);
    if (!existing) throw notFound(lineId);
    const merged = mergeFields(existing.fields, lineFields, order);
    const recomputed = lineFields.some((f) => ['Quantity', 'Cost', 'Rate'].includes(f.name)) && !lineFields.some((f) => f.name === 'Amount')
      ? lineAmount(el('line', merged.filter((f) => f.name !== 'Amount'))) : lineAmount(el('line', merged));
    return { ...existing, fields: merged.map((f) => (f.name === 'Amount' ? leaf('Amount', formatCents(recomputed)) : f)), amount: recomputed };
  });
  return [...kept, ...changed];
};

export const txnMod = (ctx: RequestContext, kind: string, rq: XmlNode): HandlerResult => {
  const spec = TXN_SPECS[kind];
  const body = child(rq, `${kind}Mod`);
  if (!spec?.mod || !body) throw new Error(`no ${kind}Mod`);
  const txnId = textOf(body, 'TxnID') ?? '';
  const record = ctx.company.txnById(txnId);
  if (!record || record.kind !== kind) throw notFound(txnId);
  const editSequence = textOf(body, 'EditSequence') ?? '';
  if (editSequence !== record.editSequence) throw staleEditSequence(editSequence);
  const fields = resolveChildren(ctx.company, body, spec.mod, kind);
  const lines = modLines(ctx, spec, record, body, fields, spec.mod);
  const total = lines.reduce((sum, l) => sum + l.amount, 0n);
  if (total < record.applied) throw invalidValue('Amount', formatCents(total), 'The transaction total is less than what has been paid.');
  consumeLock(ctx, kind);
  const header = fields.filter((f) => !spec.lines[f.name] && !HEADER_SKIP.has(f.name));
  record.fields = mergeFields(record.fields, header, spec.add.length > 0 ? [...spec.add, ...spec.mod] : spec.mod);
  record.lines = lines;
  record.total = total;
  ctx.company.touchTxn(record);
  return { rets: [pickElements(txnRet(record, { lines: true, linked: true }), includeNames(rq))] };
};

const inRange = (value: string | undefined, from: string | undefined, to: string | undefined): boolean => {
  if (value === undefined) return from === undefined && to === undefined;
  const v = qbTimeValue(value);
  return (from === undefined || v >= qbTimeValue(from)) && (to === undefined || v <= qbTimeValue(to) + (to.length === 10 ? 86_399_000 : 0));
};

const refNumberMatch = (criterion: string, ref: string, wanted: string): boolean =>
  criterion === 'StartsWith' ? ref.startsWith(wanted) : criterion === 'EndsWith' ? ref.endsWith(wanted) : ref.includes(wanted);

export const txnQuery = (ctx: RequestContext, kind: string, rq: XmlNode): HandlerResult => {
  const spec = TXN_SPECS[kind];
  if (!spec) throw new Error(`no ${kind}Query`);
  const company = ctx.company;
  const opts = { lines: textOf(rq, 'IncludeLineItems') === 'true', linked: textOf(rq, 'IncludeLinkedTxns') === 'true' };
  const render = (txnId: string) => txnRet(company.txnById(txnId) as TxnRecord, opts);
  const ids = children(rq, 'TxnID').map((n) => n.text);
  if (ids.length > 0) {
    return runQuery(ctx, rq, ids.map((i) => ({ key: i, id: company.txnById(i)?.kind === kind ? i : undefined })), render);
  }
  const refs = children(rq, 'RefNumber').map((n) => n.text.toLowerCase());
  const refsExact = children(rq, 'RefNumberCaseSensitive').map((n) => n.text);
  const modified = child(rq, 'ModifiedDateRangeFilter');
  const dated = child(rq, 'TxnDateRangeFilter');
  const entity = child(rq, entityFilterOf(kind));
  const refFilter = child(rq, 'RefNumberFilter');
  const refRange = child(rq, 'RefNumberRangeFilter');
  const paid = textOf(rq, 'PaidStatus') ?? 'All';
  const entityIds = entity ? new Set([
    ...children(entity, 'ListID').map((n) => n.text),
    ...children(entity, 'FullName').map((n) => company.listByFullName(['Customer', 'Vendor', 'Employee', 'OtherName'], n.text)?.listId ?? ''),
  ]) : undefined;
  const withChildren = entity ? [
    ...children(entity, 'ListIDWithChildren').map((n) => company.listById(n.text)),
    ...children(entity, 'FullNameWithChildren').map((n) => company.listByFullName(['Customer', 'Vendor', 'Employee', 'OtherName'], n.text)),
  ].flatMap((r) => (r ? [company.fullName(r).toLowerCase()] : [])) : [];
  const matches = company.txnsOf(kind).filter((t) => {
    const refNumber = textOf(el('h', t.fields), 'RefNumber') ?? '';
    if (refs.length > 0 && !refs.includes(refNumber.toLowerCase())) return false;
    if (refsExact.length > 0 && !refsExact.includes(refNumber)) return false;
    if (modified && !inRange(t.timeModified, textOf(modified, 'FromModifiedDate'), textOf(modified, 'ToModifiedDate'))) return false;
    if (dated && !inRange(textOf(el('h', t.fields), 'TxnDate') ?? t.timeCreated.slice(0, 10), textOf(dated, 'FromTxnDate'), textOf(dated, 'ToTxnDate'))) return false;
    if (entity) {
      const owner = company.refListId(t, spec.entity) ?? '';
      const ownerRecord = company.listById(owner);
      const ownerName = ownerRecord ? company.fullName(ownerRecord).toLowerCase() : '';
      const direct = entityIds?.has(owner) ?? false;
      const nested = withChildren.some((n) => ownerName === n || ownerName.startsWith(`${n}:`));
      if (!direct && !nested) return false;
    }
    if (refFilter && !refNumberMatch(textOf(refFilter, 'MatchCriterion') ?? '', refNumber, textOf(refFilter, 'RefNumber') ?? '')) return false;
    if (refRange) {
      const from = textOf(refRange, 'FromRefNumber');
      const to = textOf(refRange, 'ToRefNumber');
      if ((from !== undefined && refNumber < from) || (to !== undefined && refNumber > to)) return false;
    }
    if (paid !== 'All' && (paid === 'PaidOnly') !== (t.total - t.applied === 0n)) return false;
    return true;
  });
  return runQuery(ctx, rq, matches.map((t) => ({ key: t.txnId, id: t.txnId })), render, true);
};

export { QbStatus };
