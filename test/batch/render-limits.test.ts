/**
 * The batch builds its reports in a pool of its own whose old generation may reach 2048 MB (V8 then
 * collects the old generation four times less often than at the reading's 256 MB), while the
 * reading keeps the caps given (`--memory`): the guard for untrusted workbooks.
 */
import { describe, expect, it } from 'vitest';
import { RENDER_OLD_GENERATION_MB, renderLimits } from '../../src/batch/run-batch.js';

describe("the report workers' caps", () => {
  it('raise the old generation to 2048 MB and keep the other limits', () => {
    expect(RENDER_OLD_GENERATION_MB).toBe(2048);
    expect(renderLimits(undefined)).toEqual({ maxOldGenerationSizeMb: 2048 });
    expect(renderLimits({ timeoutMs: 5_000, maxOldGenerationSizeMb: 256 })).toEqual({
      timeoutMs: 5_000,
      maxOldGenerationSizeMb: 2048,
    });
  });

  it('never lower a larger --memory', () => {
    expect(renderLimits({ maxOldGenerationSizeMb: 4096 }).maxOldGenerationSizeMb).toBe(4096);
  });
});
