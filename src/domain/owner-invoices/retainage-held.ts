import { causeKey } from '../budget/budget.events.js';
import type { Cents } from '../shared/money.js';
import { addMoney, ZERO } from '../shared/money.js';
import type { RetainageHeldChanged } from './owner-invoice.outputs.js';

/**
 * Retainage receivable held per project: withheld on owner invoices and not yet released.
 * With invoices billed net of retainage, this is the one place the amount lives until a
 * release invoice bills it. Each cause counts once.
 */
export interface RetainageHeldState {
  readonly byProject: Readonly<Record<string, Cents>>;
  readonly applied: Readonly<Record<string, true>>;
}

export const initialRetainageHeldState: RetainageHeldState = { byProject: {}, applied: {} };

export const retainageHeldFor = (s: RetainageHeldState, projectId: string): Cents =>
  (Object.hasOwn(s.byProject, projectId) ? s.byProject[projectId] : undefined) ?? ZERO;

export const evolveRetainageHeld = (s: RetainageHeldState, e: RetainageHeldChanged): RetainageHeldState => {
  const key = `${e.data.projectId} ${causeKey(e.data.cause)}`;
  if (Object.hasOwn(s.applied, key)) return s;
  const held = addMoney(retainageHeldFor(s, e.data.projectId), e.data.delta);
  return { byProject: { ...s.byProject, [e.data.projectId]: held }, applied: { ...s.applied, [key]: true } };
};
