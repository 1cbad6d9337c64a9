/**
 * One fresh process for the `report-process` case (compiled by ../compiled.ts):
 *   node report-process-child.js report WORKBOOK OUT.docx   runs `dmf report WORKBOOK -o OUT.docx
 *                                                            --force`, as bin/dmf.js does
 *   node report-process-child.js baseline                   starts Node and imports docx and exceljs
 * Its last line on stdout is JSON: { cpuMs, maxRssMb, exitCode } — the CPU time (user + system) of
 * the whole process from its start, every thread (the reading worker's included), taken at the end.
 */
const [mode, workbook, out] = process.argv.slice(2);
let exitCode = 0;
if (mode === 'report' && workbook && out) {
  const { main } = await import('../../src/cli/main.js');
  exitCode = await main([process.argv[0]!, 'dmf', 'report', workbook, '-o', out, '--force']);
} else if (mode === 'baseline') {
  await import('docx');
  await import('exceljs');
} else {
  throw new Error('usage: report-process-child report WORKBOOK OUT.docx | baseline');
}
const cpu = process.cpuUsage();
process.stdout.write(
  `\n${JSON.stringify({
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
    exitCode,
  })}\n`,
);
