/**
 * The maturity profile as a native Word chart (editable in Word, data in its embedded workbook),
 * drawn from the view model's profile rows. Every bar carries its number as a label, so nothing is
 * told by colour alone; the alt text says the whole profile in words, and the template puts the
 * same data in a table next to it.
 */
import { AlignmentType, Paragraph } from 'docx';
import { ChartRun, type ChartRunOptions } from 'docx/charts';
import type { ChartLabels, ChartType } from './html-blocks.js';
import type { ReportViewModel } from './view-model.js';
import { COLOURS, REPORT_FONT } from './word-styles.js';

const PREVIOUS_COLOUR = 'B1B4B6';

export function profileChart(vm: ReportViewModel, type: ChartType, naming: ChartLabels = 'title'): Paragraph {
  const rows = vm.summary.profile;
  const top = vm.scale.length;
  // Element names as the framework titles them, or by their short titles when the template names
  // them so in the table beside the chart (one name for one thing on a page).
  const name = (r: (typeof rows)[number]) => (naming === 'short' ? r.shortTitle : r.title);
  const categories = rows.map((r) => (r.assessed ? name(r) : `${name(r)} (not assessed)`));
  const current = { name: 'This round', values: rows.map((r) => r.level) };
  const previous = vm.previousRound
    ? { name: `Previous round`, values: rows.map((r) => r.change?.previousLevel ?? null) }
    : null;
  const font = { name: REPORT_FONT.ascii, color: COLOURS.text };
  const altText = {
    name: 'Maturity profile chart',
    title: vm.summary.chart.title,
    description: vm.summary.chart.altText,
  };
  const valueAxis = {
    minimum: 0,
    maximum: top,
    interval: 1,
    numberFormat: '0',
    font: { ...font, size: 9 },
    title: 'Level',
  };
  const labels = (numberFormat: string) => ({
    value: true,
    position: 'outsideEnd' as const,
    numberFormat,
    font: { ...font, size: 9, bold: true },
  });
  const legend = previous ? { position: 'bottom' as const, font: { ...font, size: 9 } } : (false as const);
  const options: ChartRunOptions =
    type === 'radar'
      ? {
          type: 'radar',
          categories,
          series: [
            { ...current, color: COLOURS.brand, markers: { shape: 'circle', size: 7 } },
            ...(previous
              ? [
                  {
                    ...previous,
                    color: PREVIOUS_COLOUR,
                    markers: { shape: 'square' as const, size: 6 },
                    line: { dash: 'dash' as const },
                  },
                ]
              : []),
          ],
          valueAxis,
          dataLabels: { value: true, font: { ...font, size: 9, bold: true } },
          legend,
          font,
          altText,
          transformation: { width: 600, height: 400 },
        }
      : {
          type: 'bar',
          // Word draws the first category at the bottom of a bar chart; reversed, the chart reads like the table.
          categories,
          // Each bar's label says which round it is, so the colours are only a help.
          series: [
            ...(previous
              ? [{ ...previous, color: PREVIOUS_COLOUR, dataLabels: labels('"Previous: level "0') }]
              : []),
            {
              ...current,
              color: COLOURS.brand,
              dataLabels: labels(previous ? '"This round: level "0' : '"Level "0'),
            },
          ],
          categoryAxis: { reverseOrder: true, font: { ...font, size: 9 } },
          valueAxis: { ...valueAxis, crossesAt: 'maximum' as const },
          gapWidth: previous ? 60 : 80,
          legend,
          font,
          altText,
          transformation: {
            width: 600,
            height: Math.round(Math.max(200, 26 * rows.length + 20)),
          },
        };
  return new Paragraph({ alignment: AlignmentType.CENTER, children: [new ChartRun(options)] });
}
