#!/usr/bin/env node
// Thin launcher: the CLI is compiled from src/cli into lib/ by `npm run build:cli` (run by `prepare`).
import { main } from '../lib/cli/main.js';

// A closed pipe (`dmf framework --json | head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
process.exitCode = await main(process.argv);
