/** Several respondents for one department: comparison, consolidation, moderation (pure). */
export * from './consolidate.js';
export * from './summary.js';
export * from './merge-returns.js';
export * from './moderation-sheet.js';
