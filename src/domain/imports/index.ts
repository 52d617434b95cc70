export * from './budget-diff.js';
export * from './decimal-text.js';
export * from './takeoff.js';
export * from './units.js';
