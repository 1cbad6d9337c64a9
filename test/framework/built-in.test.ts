/**
 * The built-in framework is used without validation at run time (src/framework/built-in.ts: zod
 * would cost every dmf command 0.1–0.2 s of CPU in each thread). This test is what makes that
 * safe: the schema accepts the built-in files, and validating them changes nothing, so what the
 * tool uses is exactly what validation would have given.
 */
import { describe, expect, it } from 'vitest';
import { builtInFramework, builtInFrameworkData } from '../../src/framework/built-in.js';
import { parseFramework } from '../../src/framework/load.js';

describe('the built-in framework, used without validation at run time', () => {
  it('is valid, and validating it changes nothing (the same JSON, key order included)', () => {
    const validated = parseFramework(builtInFrameworkData(), 'built-in framework');
    // Byte for byte: `dmf framework --json` prints it, so key order and every trimmed text count.
    expect(JSON.stringify(builtInFramework())).toBe(JSON.stringify(validated));
  });

  it('is one object for every call (lookups are cached per framework object)', () => {
    expect(builtInFramework()).toBe(builtInFramework());
  });
});
