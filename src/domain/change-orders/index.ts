export * from './change-order.inputs.js';
export * from './change-order.outputs.js';
export * from './change-order.state.js';
export * from './evolve-change-order.js';
export * from './decide-change-order.js';
