export * from './event-store.port.js';
export * from './position.js';
export * from './errors.js';
export * from './validate-append.js';
export * from './hash-chain.js';
export * from './event-id.js';
export * from './upcasting.js';
export * from './global-chain.js';
