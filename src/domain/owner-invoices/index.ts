export * from './sales-lines.js';
export * from './owner-invoice.inputs.js';
export * from './owner-invoice.outputs.js';
export * from './owner-invoice.state.js';
export * from './evolve-owner-invoice.js';
export * from './decide-owner-invoice.js';
export * from './retainage-held.js';
export * from './change-orders-to-carry.js';
