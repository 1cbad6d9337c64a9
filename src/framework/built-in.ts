/**
 * The built-in Digital Maturity Framework MVP with the tool's reading of each characteristic. The
 * framework's text and the reading live in separate files: the text is the DGX's, the reading is
 * this tool's (docs/framework-data.md).
 *
 * Its data is not validated when it is used: the two files are part of the tool, and
 * test/framework/built-in.test.ts proves that the schema accepts them and that validating them
 * changes nothing (the same JSON, byte for byte), so validating at run time would only cost a
 * command zod (about 0.1–0.15 s of CPU in each thread that loads it) and the parse (about 40 ms).
 * Frameworks from files (`--framework`) are validated, in ./load.ts.
 */
import builtIn from './data/dmf-mvp-2022.json' with { type: 'json' };
import builtInReading from './data/dmf-mvp-2022.reading.json' with { type: 'json' };
import type { Framework } from './schema.js';

/** The built-in framework's two files as they are, before any validation (for the test above). */
export function builtInFrameworkData(): unknown {
  return { ...builtIn, reading: builtInReading };
}

let cached: Framework | undefined;

/** The built-in framework with its reading (the same object for every call). */
export function builtInFramework(): Framework {
  // Proved equal to parseFramework's result by test/framework/built-in.test.ts.
  cached ??= builtInFrameworkData() as Framework;
  return cached;
}
