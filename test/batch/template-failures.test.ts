/**
 * When a template fails mid-run. summary.docx is built in a guarded worker after the reports: when
 * it cannot be built, the reports, the dataset and the log are still written, the log says why,
 * and the exit code is 1. A report template that fails on one workbook's data is blamed, not the
 * workbook.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runBatch } from '../../src/batch/run-batch.js';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { writeWorkbook } from '../../src/workbook/exceljs/index.js';
import { buildPlan } from '../../src/workbook/plan/index.js';
import { OVERFULL_WARNING, overfullMinisterial } from '../report/pages/overfull-template.js';

const f = builtInFramework();

/** A fresh folder with an input folder holding one returned workbook of `department`. */
async function oneWorkbook(department: string, seed: number): Promise<{ inbox: string; out: string }> {
  const root = mkdtempSync(join(tmpdir(), 'dmf-template-failures-'));
  const inbox = join(root, 'in');
  mkdirSync(inbox);
  const [d] = fictionalGovernment(f, 1, seed);
  writeFileSync(
    join(inbox, 'one.xlsx'),
    await writeWorkbook(buildPlan(f, { department, answers: d!.answers })),
  );
  return { inbox, out: join(root, 'out') };
}

it('keeps the reports, dataset and log when summary.docx fails, and says why', async () => {
  const { inbox, out } = await oneWorkbook('Department One', 5);
  const summary = await loadTemplate('summary');
  // Compiles, but names a variable the summary view model does not have: fails when rendered.
  const broken = { ...summary, 'main.hbs': `${summary['main.hbs']}\n<p>{{noSuchField}}</p>\n` };

  const result = await runBatch({
    inputs: [inbox],
    outDir: out,
    framework: f,
    templateFiles: await loadTemplate('ministerial'),
    templateName: 'ministerial',
    summaryTemplateFiles: broken,
    jobs: 1,
  });

  expect(result.exitCode).toBe(1);
  expect(result.log.files.map((e) => e.status)).toEqual(['reported']);
  expect(existsSync(join(out, 'reports', 'Department One.docx'))).toBe(true);
  expect(existsSync(join(out, 'results.csv'))).toBe(true);
  expect(existsSync(join(out, 'summary.docx'))).toBe(false);
  expect(result.log.outputs).not.toContain('summary.docx');
  expect(result.log.problems).toHaveLength(1);
  expect(result.log.problems[0]).toMatch(/^summary\.docx not written: .*noSuchField/);
  const onDisk = JSON.parse(readFileSync(join(out, 'batch-log.json'), 'utf8'));
  expect(onDisk.problems).toEqual(result.log.problems);
});

it('blames the template, not the workbook, when a template fails on one workbook’s data', async () => {
  const { inbox, out } = await oneWorkbook('Ministry of Oddities', 6);
  const ministerial = await loadTemplate('ministerial');
  // The sample departments of the up-front check take the other branch, so the run starts.
  const fragile = {
    ...ministerial,
    'main.hbs': `${ministerial['main.hbs']}\n{{#if (eq cover.department "Ministry of Oddities")}}<p>{{noSuchField}}</p>{{/if}}\n`,
  };

  const result = await runBatch({
    inputs: [inbox],
    outDir: out,
    framework: f,
    templateFiles: fragile,
    templateName: 'fragile',
    summaryTemplateFiles: await loadTemplate('summary'),
    jobs: 1,
  });

  expect(result.exitCode).toBe(1);
  const [entry] = result.log.files;
  expect(entry!.status).toBe('failed');
  expect(entry!.reason).toMatch(/the report template failed on this workbook: .*noSuchField/);
  expect(entry!.reason).toMatch(/correct the report template \(--template\)/);
  expect(entry!.reason).not.toMatch(/completed assessment workbook/);
});

it('says in the log when a report’s page numbers had to be laid out (a page that may run over)', async () => {
  const { inbox, out } = await oneWorkbook('Department Two', 7);
  // The template keeps pages="by-design" but its first page runs over: the renderer falls back to
  // the layout and says so; the batch must not drop that note.
  const overfull = await overfullMinisterial();

  const result = await runBatch({
    inputs: [inbox],
    outDir: out,
    framework: f,
    templateFiles: overfull,
    templateName: 'overfull',
    summaryTemplateFiles: await loadTemplate('summary'),
    jobs: 1,
  });

  expect(result.exitCode).toBe(0);
  const [entry] = result.log.files;
  expect(entry!.status).toBe('reported');
  expect(entry!.flags).toContain(OVERFULL_WARNING);
});

it('names the workbook’s own marking as the thing to shorten when it is too long to print whole', async () => {
  const root = mkdtempSync(join(tmpdir(), 'dmf-long-marking-'));
  const inbox = join(root, 'in');
  mkdirSync(inbox);
  const [d] = fictionalGovernment(f, 1, 8);
  writeFileSync(
    join(inbox, 'long-marking.xlsx'),
    await writeWorkbook(
      buildPlan(f, {
        department: 'Department Three',
        answers: d!.answers,
        fields: { marking: 'OFFICIAL-SENSITIVE: COMMERCIAL AND PERSONAL, DO NOT SHARE' },
      }),
    ),
  );

  const result = await runBatch({
    inputs: [inbox],
    outDir: join(root, 'out'),
    framework: f,
    templateFiles: await loadTemplate('ministerial'),
    templateName: 'ministerial',
    summaryTemplateFiles: await loadTemplate('summary'),
    jobs: 1,
  });

  expect(result.exitCode).toBe(1);
  const [entry] = result.log.files;
  expect(entry!.status).toBe('failed');
  expect(entry!.reason).toMatch(/The protective marking is 57 characters long/);
  expect(entry!.reason).toMatch(/shorten the protective marking in the workbook’s “About you” table/);
  expect(entry!.reason).not.toMatch(/completed assessment workbook/);
});
