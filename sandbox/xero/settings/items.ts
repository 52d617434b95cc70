import { legacyDate } from '../support/dates.js';
import type { ItemRec } from '../org/model.js';

/** An Item as GET /Items answers it (facts §13; inventory fields left out: the sample tracks no stock). */
export const itemView = (item: ItemRec): Record<string, unknown> => ({
  ItemID: item.ItemID,
  Code: item.Code,
  Name: item.Name,
  IsSold: item.IsSold,
  IsPurchased: item.IsPurchased,
  ...(item.PurchaseDetails ? { PurchaseDetails: { ...item.PurchaseDetails } } : {}),
  ...(item.SalesDetails ? { SalesDetails: { ...item.SalesDetails } } : {}),
  IsTrackedAsInventory: false,
  UpdatedDateUTC: legacyDate(item.updatedMs),
});
