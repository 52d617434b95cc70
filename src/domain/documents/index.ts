export * from './document-ref.js';
export * from './snapshots.js';
export * from './document-events.js';
