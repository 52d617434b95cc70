/** The hub as a real process (shared with bench/sync.bench.ts, which measures its memory). */
export * from '../../../bench/support/hub-process.js';
