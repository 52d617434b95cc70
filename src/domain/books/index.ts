export * from './books-vocabulary.js';
export * from './books-result.js';
export type * from './books-port.js';
export * from './batch-chunks.js';
