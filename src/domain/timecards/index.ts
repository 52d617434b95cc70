export * from './hours.js';
export * from './labour-cost.js';
export * from './timecard.inputs.js';
export * from './timecard.outputs.js';
export * from './timecard.state.js';
export * from './evolve-timecard.js';
export * from './decide-timecard.js';
export * from './time-entry-needs.js';
