import { BUILDERTREND_BILLS_POS } from './buildertrend/bills-pos-kind.js';
import { BUILDERTREND_BUDGET } from './buildertrend/budget-kind.js';
import { BUILDERTREND_CHANGE_ORDERS } from './buildertrend/change-orders-kind.js';
import { BUILDERTREND_TIME_CLOCK } from './buildertrend/time-clock-kind.js';
import type { ImportKind } from './imports/import-kind.js';
import { PLANSWIFT_TAKEOFF } from './planswift/takeoff-kind.js';

/** Every kind of exported file the hub imports. Add a vendor's kinds here. */
export const IMPORT_KINDS: readonly ImportKind[] = [
  PLANSWIFT_TAKEOFF, BUILDERTREND_BUDGET, BUILDERTREND_TIME_CLOCK, BUILDERTREND_BILLS_POS, BUILDERTREND_CHANGE_ORDERS,
];
