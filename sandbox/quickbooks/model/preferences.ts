import type { EntityName } from './entity-types.js';

/** Preferences.AccountingInfoPrefs (facts §2.10): where this company keeps classes. */
export interface ClassTrackingPrefs {
  readonly ClassTrackingPerTxn: boolean;
  readonly ClassTrackingPerLine: boolean;
}

/** The sample company tracks one class per line (construction: a class per cost code). */
export const DEFAULT_CLASS_TRACKING: Readonly<ClassTrackingPrefs> = { ClassTrackingPerTxn: false, ClassTrackingPerLine: true };

/** What the simulator noticed and QuickBooks would say nothing about: tests assert on these. */
export interface SandboxWarning {
  readonly code: 'class-ignored';
  readonly entity: EntityName;
  /** `ClassRef` (the transaction's) or `Line[2].SalesItemLineDetail.ClassRef`. */
  readonly element: string;
  readonly classId: string;
  readonly message: string;
}
