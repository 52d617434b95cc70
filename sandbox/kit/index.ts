export * from './faults.js';
export * from './rate-limit.js';
export * from './webhook-dispatcher.js';
export * from './sandbox-server.js';
