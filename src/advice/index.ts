/** Public API of the advice module: what to put in place, what to move away from, who acts, in which order. */
export * from './advice.js';
export * from './rank.js';
