export * from './column-map.js';
export * from './import-events.js';
export * from './import-intake.js';
export * from './import-kind.js';
export * from './imports.module.js';
export * from './imports.service.js';
export * from './tabular-file.js';
