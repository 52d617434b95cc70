export * from './budget.events.js';
export * from './budget.state.js';
export * from './cost-ledger.js';
export * from './committed-by-cost-code.js';
