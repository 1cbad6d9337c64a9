/** The ranking rule moved to the advice module (src/advice/rank.ts); kept here so imports of it still work. */
export * from '../advice/rank.js';
