/**
 * Data quality says exactly which answers were not counted, for every diagnostic that drops one
 * (issue 21: a rating typed in the Evidence column was "counted" by the report's own words), and
 * the full record's element pages agree with its data-quality annex: one rule, notCountedEffect().
 */
import { describe, expect, it } from 'vitest';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import { buildViewModel } from '../../src/report/index.js';
import { answersNotCounted, notCountedEffect } from '../../src/report/data-quality.js';
import { readWorkbook } from '../../src/workbook/read/index.js';
import { mutate, rowOf, workbookFor } from '../workbook/helpers.js';

const f = builtInFramework();
const NOW = new Date('2026-11-27T10:00:00Z');

describe('answers not counted', () => {
  it('every diagnostic that leaves an answer out says so', () => {
    for (const code of ['rating-in-wrong-column', 'row-without-id', 'row-mismatch', 'rating-off-scale'])
      expect(notCountedEffect({ code, severity: 'error' }), code).toMatch(/^Not counted/);
    // A row whose text alone differs in a workbook of another framework version is read: nothing left out.
    expect(notCountedEffect({ code: 'row-mismatch', severity: 'warning' })).toBeNull();
    expect(notCountedEffect({ code: 'moderation-unsettled', severity: 'warning' })).toMatch(
      /count as unanswered/,
    );
    expect(notCountedEffect({ code: 'unanswered', severity: 'info' })).toBeNull();
    expect(
      answersNotCounted([
        { code: 'row-without-id', severity: 'error' },
        { code: 'unanswered', severity: 'info' },
      ]),
    ).toBe(1);
  });

  it('a rating typed in the Evidence column is listed as not counted, on the element page and in the annex', async () => {
    const [d] = fictionalGovernment(f, 1, 21);
    const element = f.elements[0]!;
    const id = element.levels.flatMap((l) => l.characteristics).find((c) => d!.answers.ratings[c.id])!.id;
    const bytes = await mutate(await workbookFor(f, d!.answers, { department: d!.department }), (wb) => {
      const row = rowOf(wb.getWorksheet(element.shortTitle)!, id);
      row.getCell(5).value = row.getCell(4).value;
      row.getCell(4).value = null;
    });
    const current = await readWorkbook(f, bytes, { fileName: 'moved.xlsx' });
    expect(current.diagnostics.map((x) => x.code)).toContain('rating-in-wrong-column');
    const vm = buildViewModel({ framework: f, current, options: { now: NOW } });
    expect(vm.dataQuality.text).not.toContain('None of them left an answer out');
    expect(vm.dataQuality.text).toMatch(/One of them means that answers were not counted/);
    expect(vm.dataQuality.notCounted).toEqual([
      expect.objectContaining({
        itemId: id,
        effect: expect.stringMatching(/^Not counted: the rating was typed outside the Rating column/),
      }),
    ]);
    const page = vm.elements.find((e) => e.id === element.id)!;
    expect(page.problemsEffect).toMatch(
      /^(It|1 of them) left an answer out: the items concerned count as unanswered\.$/,
    );
  });
});
