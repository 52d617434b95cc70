export * from './commitment-po.inputs.js';
export * from './commitment-po.outputs.js';
export * from './commitment-po.state.js';
export * from './evolve-commitment-po.js';
export * from './decide-commitment-po.js';
export * from './purchase-order-links.js';
