export * from './posting-outcomes.js';
export * from './books-line.js';
