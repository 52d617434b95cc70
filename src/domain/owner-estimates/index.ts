export * from './owner-estimate.messages.js';
export * from './owner-estimate.state.js';
export * from './decide-owner-estimate.js';
