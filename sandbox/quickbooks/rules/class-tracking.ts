import { isDoc, type Doc, type EntityName } from '../model/entity-types.js';
import type { ClassTrackingPrefs, SandboxWarning } from '../model/preferences.js';

/** Transactions with a ClassRef of their own (facts §2.2, §2.3, §2.11); a TimeActivity's is its one line's too (§2.12). */
const HEADER_CLASS: ReadonlySet<EntityName> = new Set(['Invoice', 'Estimate', 'PurchaseOrder']);

const headerHonoured = (entity: EntityName, prefs: ClassTrackingPrefs): boolean =>
  entity === 'TimeActivity' ? prefs.ClassTrackingPerTxn || prefs.ClassTrackingPerLine : HEADER_CLASS.has(entity) && prefs.ClassTrackingPerTxn;

const classIdOf = (ref: unknown): string => (isDoc(ref) && typeof ref.value === 'string' ? ref.value : String(ref));

const why = (prefs: ClassTrackingPrefs): string =>
  `the company tracks classes ${prefs.ClassTrackingPerLine ? 'per line' : prefs.ClassTrackingPerTxn ? 'per transaction' : 'nowhere'}`;

/**
 * The transaction as QuickBooks keeps it: a ClassRef where the company does not track
 * classes is dropped without an error (facts §2.1, §2.10: "only honored when ..."), and the
 * simulator records a warning for each one dropped. Name-list entities keep theirs.
 */
export const dropMisplacedClasses = (entity: EntityName, doc: Doc, prefs: ClassTrackingPrefs, warn: (w: SandboxWarning) => void): Doc => {
  const ignored = (element: string, ref: unknown): void =>
    warn({ code: 'class-ignored', entity, element, classId: classIdOf(ref), message: `${entity} ${element} ignored: ${why(prefs)}` });
  let out = doc;
  if (doc.ClassRef !== undefined && entity !== 'Class' && entity !== 'Item' && !headerHonoured(entity, prefs)) {
    ignored('ClassRef', doc.ClassRef);
    const { ClassRef: _dropped, ...rest } = doc;
    out = rest;
  }
  if (!Array.isArray(doc.Line) || prefs.ClassTrackingPerLine) return out;
  const lines = (doc.Line as unknown[]).map((line, i) => {
    if (!isDoc(line)) return line; // the line rules refuse it
    const detailKey = typeof line.DetailType === 'string' ? line.DetailType : '';
    const detail = line[detailKey];
    if (!isDoc(detail) || detail.ClassRef === undefined) return line;
    ignored(`Line[${i}].${detailKey}.ClassRef`, detail.ClassRef);
    const { ClassRef: _dropped, ...rest } = detail;
    return { ...line, [detailKey]: rest };
  });
  return { ...out, Line: lines };
};
