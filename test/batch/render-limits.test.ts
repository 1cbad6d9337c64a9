/**
 * The batch builds its reports in a pool of its own whose old generation may reach 2048 MB (V8 then
 * collects the old generation four times less often than at the reading's 256 MB), while the
 * reading keeps the caps given (`--memory`): the guard for untrusted workbooks. When the command
 * line sets the heap's growth (src/batch/heap-growth.ts), their young generation is 24 MB.
 */
import { describe, expect, it } from 'vitest';
import {
  RENDER_OLD_GENERATION_MB,
  RENDER_YOUNG_GENERATION_MB,
  renderLimits,
} from '../../src/batch/run-batch.js';

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

  it("give the young generation 24 MB when the heap's growth is set (the command line), else the pool's", () => {
    expect(RENDER_YOUNG_GENERATION_MB).toBe(24);
    expect(renderLimits({ timeoutMs: 5_000, maxOldGenerationSizeMb: 256 }, true)).toEqual({
      timeoutMs: 5_000,
      maxOldGenerationSizeMb: 2048,
      maxYoungGenerationSizeMb: 24,
    });
    expect(renderLimits(undefined, false)).not.toHaveProperty('maxYoungGenerationSizeMb');
  });
});
