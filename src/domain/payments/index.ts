export * from './payment.inputs.js';
export * from './payment.outputs.js';
export * from './payment.state.js';
export * from './evolve-payment.js';
export * from './decide-payment.js';
