import type { ColumnSpec } from '../imports/column-map.js';

export type TakeoffColumn = 'itemId' | 'path' | 'name' | 'itemType' | 'quantity' | 'unit' | 'unitCost' | 'total' | 'costCode' | 'costType' | 'page';

/**
 * PlanSwift's stock export, as its own Excel samples write it (Tab, Name, Item Number, Qty,
 * Price Each, Price Total, Item Type; facts planswift.md §3-4) with the cost properties its
 * support material names (Cost Each, Cost Total, part types). The exact built-in layout is
 * unconfirmed and users change it, so each field takes common spellings and a connection's
 * column map can name any header.
 */
export const TAKEOFF_COLUMNS: ColumnSpec<TakeoffColumn> = {
  itemId: { header: 'Item ID', aliases: ['ItemID', 'GUID'] },
  path: { header: 'Path', aliases: ['Full Name', 'FullName', 'Assembly Path'] },
  name: { header: 'Name', aliases: ['Description', 'Item'], required: true },
  itemType: { header: 'Item Type', aliases: ['Type'] },
  quantity: { header: 'Qty', aliases: ['Quantity'], required: true },
  unit: { header: 'Units', aliases: ['Unit', 'UOM'] },
  unitCost: { header: 'Cost Each', aliases: ['Unit Cost'] },
  total: { header: 'Cost Total', aliases: ['Total Cost'] },
  costCode: { header: 'Item #', aliases: ['Item Number', 'Cost Code'], required: true },
  costType: { header: 'Part Type', aliases: ['Cost Type'] },
  page: { header: 'Page', aliases: ['Pages'] },
};

/** PlanSwift part types (support material) to the hub's cost type codes; a connection may map its own. */
export const STOCK_COST_TYPES: Readonly<Record<string, string>> = {
  material: 'M', part: 'M', labor: 'L', labour: 'L', equipment: 'E', sub: 'S', subcontract: 'S', subcontractor: 'S', other: 'O',
};
