/** Public API of the framework module: the data model, loading and lookups. */
export * from './schema.js';
export * from './load.js';
export * from './lookup.js';
export * from './reading.js';
export * from './reading-view.js';
export * from './reading-counts.js';
