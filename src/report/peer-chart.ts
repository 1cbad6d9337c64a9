/**
 * "How you compare" as a native Word chart: one stacked bar per element, a segment per level with
 * the number of departments at it, and this department's level written into the element's label,
 * so nothing rests on colour. The alt text says the same in words, and the
 * template puts the same data in a table after it. No other department is named: the data holds
 * counts only.
 */
import { AlignmentType, Paragraph } from 'docx';
import { ChartRun } from 'docx/charts';
import { shadeOf } from './level-shades.js';
import type { ReportViewModel } from './view-model.js';
import { COLOURS, REPORT_FONT } from './word-styles.js';

export function peerChart(vm: ReportViewModel): Paragraph {
  const peers = vm.peers;
  // A template that draws the chart without checking `peers` gets nothing rather than a broken chart.
  if (!peers) return new Paragraph({});
  const font = { name: REPORT_FONT.ascii, color: COLOURS.text };
  const top = vm.scale.length;
  const rows = peers.rows;
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new ChartRun({
        type: 'bar',
        stacking: 'stacked',
        categories: rows.map(
          (r) => `${r.shortTitle} (you: ${r.level === null ? 'not assessed' : `level ${r.level}`})`,
        ),
        series: vm.scale.map((level) => {
          const shade = shadeOf(level.rank, top);
          return {
            name: `Level ${level.rank}: ${level.name}`,
            values: rows.map((r) => r.counts[level.rank - 1]?.count || null),
            color: shade.fill,
            dataLabels: { value: true, font: { ...font, size: 9, bold: true, color: shade.text } },
          };
        }),
        categoryAxis: { reverseOrder: true, font: { ...font, size: 9 } },
        valueAxis: {
          minimum: 0,
          maximum: peers.departmentCount,
          interval: peers.departmentCount > 20 ? 5 : peers.departmentCount > 10 ? 2 : 1,
          numberFormat: '0',
          crossesAt: 'maximum',
          font: { ...font, size: 9 },
          title: 'Departments',
        },
        gapWidth: 60,
        legend: { position: 'bottom', font: { ...font, size: 9 } },
        font,
        altText: {
          name: 'How you compare chart',
          title: peers.chart.title,
          description: peers.chart.altText,
        },
        // Low enough that the chart and its table (the same figures) share one page.
        transformation: { width: 600, height: Math.round(Math.max(180, 22 * rows.length + 70)) },
      }),
    ],
  });
}
