/** `dmf framework [--json]`: the framework in use, as a summary or as JSON. */
import type { Command } from 'commander';
import type { Framework } from '../../framework/index.js';
import { frameworkWithReadingView } from '../../framework/reading-view.js';
import { readingCountsByLevel } from '../../framework/reading-counts.js';
import { loadFramework, READING_OPTION_HELP } from '../framework-option.js';
import { helpAfter, USAGE_EXIT } from '../help-text.js';

export function frameworkSummary(f: Framework): string {
  const names = f.elements[0]!.levels.map((l) => l.name);
  const rows = f.elements.map((e) => [
    e.title,
    ...e.levels.map((l) => String(l.characteristics.length)),
    String(e.questions.length),
    String(e.questions.reduce((n, q) => n + q.subQuestions.length, 0)),
  ]);
  const totals = [
    'Total',
    ...names.map((_, i) => String(f.elements.reduce((n, e) => n + e.levels[i]!.characteristics.length, 0))),
    String(f.elements.reduce((n, e) => n + e.questions.length, 0)),
    String(f.elements.reduce((n, e) => n + e.questions.reduce((m, q) => m + q.subQuestions.length, 0), 0)),
  ];
  const header = ['Element', ...names.map((_, i) => `L${i + 1}`), 'Questions', 'Sub-questions'];
  const table = [header, ...rows, totals];
  const widths = header.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ');
  return [
    `${f.title} (${f.id} ${f.version})`,
    `${f.publisher}, ${f.published}. ${f.licence}.`,
    '',
    'Characteristics per level:',
    ...names.map((n, i) => `  L${i + 1} ${n}`),
    '',
    line(header),
    ...rows.map(line),
    line(totals),
    '',
    ...readingSummary(f),
  ].join('\n');
}

/** Whose reading of the characteristics is in use, and how it splits each level. */
function readingSummary(f: Framework): string[] {
  const counts = readingCountsByLevel(f);
  if (!f.reading || !counts) {
    return [
      'Reading: none. This framework brings no reading of its characteristics (strength or weakness,',
      'who can act), so every characteristic of the next level is treated as a step to put in place.',
      'Give one with --reading FILE.json (docs/framework-data.md).',
    ];
  }
  const header = ['Level', 'Strengths', 'Weaknesses', 'Department', 'Centre', 'Both'];
  const rows = counts.map((c, i) => [
    `L${i + 1}`,
    ...[c.strength, c.weakness, c.department, c.centre, c.both].map(String),
  ]);
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col]!.length)));
  const line = (r: string[]) =>
    r.map((v, col) => (col === 0 ? v.padEnd(widths[col]!) : v.padStart(widths[col]!))).join('  ');
  const { by, date } = f.reading.provenance;
  return [
    `Reading of the characteristics: ${by}, ${date}.`,
    'Strength: something to put in place; weakness: something to move away from. Who can act: the',
    'department itself, the centre of government, or both.',
    '',
    line(header),
    ...rows.map(line),
  ];
}

export function registerFramework(program: Command): void {
  program
    .command('framework')
    .description('print the framework in use: a summary, or the whole framework as JSON')
    .option('--json', 'print the whole framework as JSON, each characteristic with its reading')
    .option('--framework <file>', 'use this framework JSON file instead of the built-in one')
    .option('--reading <file>', READING_OPTION_HELP)
    .addHelpText(
      'after',
      helpAfter(
        ['dmf framework', 'dmf framework --json > framework.json'],
        `0 done, 1 the framework file is wrong; ${USAGE_EXIT}`,
      ),
    )
    .action(async (opts: { json?: boolean; framework?: string; reading?: string }) => {
      const f = await loadFramework(opts.framework, opts.reading);
      process.stdout.write(
        `${opts.json ? JSON.stringify(frameworkWithReadingView(f), null, 2) : frameworkSummary(f)}\n`,
      );
    });
}
