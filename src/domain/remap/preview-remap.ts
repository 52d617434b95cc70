import type { DocumentRef } from '../documents/document-ref.js';
import { refLabel } from '../shared/books-ref.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';
import { addMoney, ZERO } from '../shared/money.js';
import { costCodeLabel } from '../mapping/cost-code.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import type { RemapDocument, RemapDocumentKind } from './preview-documents.js';
import { documentLabel, documentOf, draftPosting, isLive, rewrittenOnRemap } from './preview-documents.js';
import type { DraftedPosting, LineTarget, PostingLine } from './preview-postings.js';

/** Where a line posts under one mapping, for people: target, class and billable. */
export interface LineHome {
  readonly target: LineTarget;
  readonly classRef: BooksRef | null;
  readonly billable: boolean | null;
  readonly amount: Cents;
}

/** One line whose posting would change; `before` or `after` is null when the line appears or goes. */
export interface LineChange {
  readonly document: DocumentRef;
  readonly label: string;
  readonly posted: boolean;
  readonly lineId: string;
  readonly costCode: string | null;
  readonly costType: string | null;
  readonly description: string;
  readonly before: LineHome | null;
  readonly after: LineHome | null;
}

/** A document with at least one changed line. */
export interface DocumentChange {
  readonly kind: RemapDocumentKind;
  readonly document: DocumentRef;
  readonly version: string;
  readonly sagaStream: string;
  readonly label: string;
  readonly entity: string;
  /** The books hold it: "update posted" rewrites it, "leave" leaves it as it is. */
  readonly posted: boolean;
  /** Under the changed mapping it would park (a line without a rule). */
  readonly wouldPark: boolean;
  /** Applied with "update", its saga rewrites it in the books; otherwise it stays as posted whatever is chosen. */
  readonly rewrittenOnUpdate: boolean;
  /** A request of its saga is out: applied with "update", it is rewritten once that lands, posted or not. */
  readonly requestOut: boolean;
  readonly lines: number;
}

/** Signed cost (credits take off) on one account or item, before and after. */
export interface TargetTotal {
  /** "account 61", "item 12", or "unmapped". */
  readonly key: string;
  readonly target: LineTarget;
  readonly before: Cents;
  readonly after: Cents;
}

/** A cost code and type: where its cost posts, and how much, before and after. */
export interface CostCodeTotal {
  readonly costCode: string;
  readonly costType: string | null;
  readonly before: readonly { readonly key: string; readonly amount: Cents }[];
  readonly after: readonly { readonly key: string; readonly amount: Cents }[];
}

export interface RemapPreview {
  /** Documents replayed (approved, not voided), and how many of them the books hold. */
  readonly documents: number;
  readonly posted: number;
  readonly changedDocuments: readonly DocumentChange[];
  readonly changes: readonly LineChange[];
  readonly byAccount: readonly TargetTotal[];
  readonly byCostCode: readonly CostCodeTotal[];
}

export const targetKey = (target: LineTarget): string => (target.kind === 'unmapped' ? 'unmapped' : `${target.kind} ${target.ref.value}`);

export const targetLabel = (target: LineTarget): string => (target.kind === 'unmapped' ? 'UNMAPPED' : `${target.kind} ${refLabel(target.ref)}`);

const homeOf = (line: PostingLine): LineHome => ({ target: line.target, classRef: line.classRef, billable: line.billable, amount: line.amount });

/** Refs compare by id: a name on a ref is for people and does not change where a line posts. */
const sameHome = (a: LineHome, b: LineHome): boolean =>
  targetKey(a.target) === targetKey(b.target) && (a.classRef?.value ?? null) === (b.classRef?.value ?? null)
  && a.billable === b.billable && a.amount === b.amount;

const lineChanges = (document: RemapDocument, label: string, posted: boolean, before: DraftedPosting, after: DraftedPosting): LineChange[] => {
  const afterById = new Map(after.lines.map((l) => [l.lineId, l]));
  const beforeIds = new Set(before.lines.map((l) => l.lineId));
  const base = { document: documentOf(document).ref, label, posted };
  const changed = before.lines.flatMap((b): LineChange[] => {
    const a = afterById.get(b.lineId);
    if (a !== undefined && sameHome(homeOf(b), homeOf(a)) && a.description === b.description) return [];
    return [{ ...base, lineId: b.lineId, costCode: b.costCode, costType: b.costType, description: b.description, before: homeOf(b), after: a ? homeOf(a) : null }];
  });
  const added = after.lines.filter((a) => !beforeIds.has(a.lineId))
    .map((a): LineChange => ({ ...base, lineId: a.lineId, costCode: a.costCode, costType: a.costType, description: a.description, before: null, after: homeOf(a) }));
  return [...changed, ...added];
};

/** Sums signed cost per key; `keyOf` decides the grouping. */
const tally = (totals: Map<string, Cents>, lines: readonly PostingLine[], keyOf: (l: PostingLine) => string | null): void => {
  for (const line of lines) {
    const key = keyOf(line);
    if (key !== null) totals.set(key, addMoney(totals.get(key) ?? ZERO, line.cost));
  }
};

const codeKey = (l: PostingLine): string | null => (l.costCode === null ? null : `${costCodeLabel(l.costCode, l.costType)}\u0000${targetKey(l.target)}`);

const byCostCode = (drafts: readonly { readonly before: DraftedPosting; readonly after: DraftedPosting }[]): CostCodeTotal[] => {
  const before = new Map<string, Cents>();
  const after = new Map<string, Cents>();
  const codes = new Map<string, { costCode: string; costType: string | null }>();
  for (const d of drafts) {
    tally(before, d.before.lines, codeKey);
    tally(after, d.after.lines, codeKey);
    for (const l of [...d.before.lines, ...d.after.lines]) if (l.costCode !== null) codes.set(costCodeLabel(l.costCode, l.costType), { costCode: l.costCode, costType: l.costType });
  }
  const split = (totals: Map<string, Cents>, label: string) =>
    [...totals].filter(([k]) => k.startsWith(`${label}\u0000`)).map(([k, amount]) => ({ key: k.slice(label.length + 1), amount })).sort((a, b) => a.key.localeCompare(b.key));
  return [...codes].sort(([a], [b]) => a.localeCompare(b)).map(([label, code]) => ({ ...code, before: split(before, label), after: split(after, label) }));
};

const byAccount = (drafts: readonly { readonly before: DraftedPosting; readonly after: DraftedPosting }[]): TargetTotal[] => {
  const targets = new Map<string, LineTarget>();
  const before = new Map<string, Cents>();
  const after = new Map<string, Cents>();
  for (const d of drafts) {
    tally(before, d.before.lines, (l) => targetKey(l.target));
    tally(after, d.after.lines, (l) => targetKey(l.target));
    for (const l of [...d.before.lines, ...d.after.lines]) if (!targets.has(targetKey(l.target))) targets.set(targetKey(l.target), l.target);
  }
  return [...targets].sort(([a], [b]) => a.localeCompare(b))
    .map(([key, target]) => ({ key, target, before: before.get(key) ?? ZERO, after: after.get(key) ?? ZERO }));
};

/**
 * The remap preview: every document of the history drafted as its saga would draft it, under
 * the mapping in force and under the changed one, and what differs, line by line, with the
 * totals per account (or item) and per cost code before and after. Nothing is posted.
 */
export const previewRemap = (documents: readonly RemapDocument[], before: CostCodeMapping, after: CostCodeMapping): RemapPreview => {
  const live = documents.filter(isLive);
  const drafts = live.map((document) => ({ document, before: draftPosting(document, before), after: draftPosting(document, after) }));
  const changes: LineChange[] = [];
  const changedDocuments: DocumentChange[] = [];
  for (const { document, before: b, after: a } of drafts) {
    const posted = document.posted !== null;
    const label = documentLabel(document, b.entity);
    const lines = lineChanges(document, label, posted, b, a);
    if (lines.length === 0 && b.entity === a.entity && b.wouldPark === a.wouldPark) continue;
    changes.push(...lines);
    const { ref, version } = documentOf(document);
    changedDocuments.push({
      kind: document.kind, document: ref, version, sagaStream: document.sagaStream, label, entity: a.entity, posted, wouldPark: a.wouldPark,
      rewrittenOnUpdate: rewrittenOnRemap(document), requestOut: document.requestOut === true, lines: lines.length,
    });
  }
  return {
    documents: live.length, posted: live.filter((d) => d.posted !== null).length,
    changedDocuments, changes, byAccount: byAccount(drafts), byCostCode: byCostCode(drafts),
  };
};
