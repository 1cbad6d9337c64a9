/**
 * Characters outside the Basic Multilingual Plane (emoji, rare CJK ideographs) survive a workbook
 * written with exceljs and read back, wherever they fall in the part (src/workbook/exceljs/zip-text-fix.ts).
 * The case is the one test/workbook/round-trip.test.ts found: with "  padded  " as evidence, the
 * fourth "😀" of a response fell across JSZip's 16,384-unit piece and came back as "��".
 */
import { describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import type { Answers } from '../../src/scoring/index.js';
import { readWorkbook } from '../../src/workbook/read/index.js';
import { workbookFor } from './helpers.js';

describe('text outside the Basic Multilingual Plane', () => {
  it.each(['𐀀𐀀𐀀𐀀', '😀😀😀😀'])('comes back whole: %s', async (text) => {
    const framework = builtInFramework();
    const answers = {
      frameworkId: framework.id,
      frameworkVersion: framework.version,
      ratings: {},
      evidence: { 'ucd.l1.01': '  padded  ' },
      responses: { 'ucd.q1': '##', 'ucd.q7': text },
      judgements: {},
    } as unknown as Answers;
    const r = await readWorkbook(framework, await workbookFor(framework, answers));
    expect(r.answers.responses['ucd.q7']).toBe(text);
  });
});
