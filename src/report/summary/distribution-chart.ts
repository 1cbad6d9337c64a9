/**
 * The cross-government distribution as a native Word chart: one stacked bar per element, one
 * segment per level, each labelled with its count (so nothing rests on colour alone). The alt
 * text says the same in words and the summary prints the same data as a table.
 */
import { AlignmentType, Paragraph } from 'docx';
import { ChartRun } from 'docx/charts';
import { shadeOf } from '../level-shades.js';
import { COLOURS, REPORT_FONT } from '../word-styles.js';
import type { SummaryViewModel } from './summary-model.js';

export function distributionChart(model: SummaryViewModel): Paragraph {
  const font = { name: REPORT_FONT.ascii, color: COLOURS.text };
  const rows = model.distribution;
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new ChartRun({
        type: 'bar',
        stacking: 'stacked',
        categories: rows.map((r) => r.shortTitle),
        // Light to dark: a higher level is a darker segment, and every segment carries its number.
        series: model.scale.map((level, i) => {
          const shade = shadeOf(level.rank, model.scale.length);
          return {
            name: `Level ${level.rank}: ${level.name}`,
            values: rows.map((r) => r.counts[i]?.count || null),
            color: shade.fill,
            dataLabels: { value: true, font: { ...font, size: 9, bold: true, color: shade.text } },
          };
        }),
        categoryAxis: { reverseOrder: true, font: { ...font, size: 9 } },
        valueAxis: {
          minimum: 0,
          // The axis ends at the number of departments counted, so a full bar reads as "all of them".
          maximum: Math.max(1, model.countedCount),
          interval: model.countedCount > 20 ? 5 : model.countedCount > 10 ? 2 : 1,
          numberFormat: '0',
          crossesAt: 'maximum',
          font: { ...font, size: 9 },
          title: 'Departments',
        },
        gapWidth: 60,
        legend: { position: 'bottom', font: { ...font, size: 9 } },
        font,
        altText: { name: 'Distribution chart', title: model.chart.title, description: model.chart.altText },
        transformation: { width: 600, height: Math.round(Math.max(240, 36 * rows.length + 120)) },
      }),
    ],
  });
}
