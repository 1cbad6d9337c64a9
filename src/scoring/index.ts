/** Public API of the scoring module: answers, the rating scale and the engine. */
export * from './answers.js';
export * from './ratings.js';
export * from './score.js';
export * from './describe-rule.js';
