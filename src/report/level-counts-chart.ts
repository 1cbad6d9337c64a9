/**
 * One native Word chart for "how many departments are at each level, per element": a stacked bar
 * per element, a segment per level in the shades of level-shades.ts (lighter to darker), every
 * segment labelled with its count so nothing rests on colour. Used by the summary's distribution
 * and by a report's "How you compare"; the callers say what the bars are called and how tall.
 */
import { AlignmentType, Paragraph } from 'docx';
import { ChartRun } from 'docx/charts';
import { shadeOf } from './level-shades.js';
import { COLOURS, REPORT_FONT } from './word-styles.js';

export interface LevelCountsChart {
  /** The levels of the scale, lowest first. */
  scale: readonly { rank: number; name: string }[];
  /** One bar per element: its label and the count at each level, in scale order. */
  bars: readonly { label: string; counts: readonly { count: number }[] }[];
  /** Departments counted: the axis ends here, so a full bar reads as "all of them". */
  departments: number;
  altText: { name: string; title: string; description: string };
  height: number;
}

export function levelCountsChart(chart: LevelCountsChart): Paragraph {
  const font = { name: REPORT_FONT.ascii, color: COLOURS.text };
  const { departments } = chart;
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new ChartRun({
        type: 'bar',
        stacking: 'stacked',
        categories: chart.bars.map((b) => b.label),
        series: chart.scale.map((level, i) => {
          const shade = shadeOf(level.rank, chart.scale.length);
          return {
            name: `Level ${level.rank}: ${level.name}`,
            values: chart.bars.map((b) => b.counts[i]?.count || null),
            color: shade.fill,
            dataLabels: { value: true, font: { ...font, size: 9, bold: true, color: shade.text } },
          };
        }),
        // Word draws the first category at the bottom of a bar chart; reversed, it reads like the table.
        categoryAxis: { reverseOrder: true, font: { ...font, size: 9 } },
        valueAxis: {
          minimum: 0,
          maximum: Math.max(1, departments),
          interval: departments > 20 ? 5 : departments > 10 ? 2 : 1,
          numberFormat: '0',
          crossesAt: 'maximum',
          font: { ...font, size: 9 },
          title: 'Departments',
        },
        gapWidth: 60,
        legend: { position: 'bottom', font: { ...font, size: 9 } },
        font,
        altText: chart.altText,
        transformation: { width: 600, height: chart.height },
      }),
    ],
  });
}
