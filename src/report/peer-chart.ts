/**
 * "How you compare" as a native Word chart: one stacked bar per element, a segment per level with
 * the number of departments at it, and this department's level written into the element's label,
 * so nothing rests on colour. The alt text says the same in words, and the
 * template puts the same data in a table after it. No other department is named: the data holds
 * counts only.
 */
import { Paragraph } from 'docx';
import type { ChartLabels } from './html-blocks.js';
import { levelCountsChart } from './level-counts-chart.js';
import type { ReportViewModel } from './view-model.js';

/** `labels`: the elements by their titles, or by their short titles (as the brief's table 2 names them). */
export function peerChart(vm: ReportViewModel, labels: ChartLabels = 'title'): Paragraph {
  const peers = vm.peers;
  // A template that draws the chart without checking `peers` gets nothing rather than a broken chart.
  if (!peers) return new Paragraph({});
  return levelCountsChart({
    scale: vm.scale,
    bars: peers.rows.map((r) => ({
      label: `${labels === 'short' ? r.shortTitle : r.title} (you: ${r.level === null ? 'not assessed' : `level ${r.level}`})`,
      counts: r.counts,
    })),
    departments: peers.departmentCount,
    altText: { name: 'How you compare chart', title: peers.chart.title, description: peers.chart.altText },
    // As low as the chart can be with every element's label shown (at 22 px a bar, LibreOffice
    // drops every other label); the table then usually shares the page.
    height: Math.round(Math.max(200, 34 * peers.rows.length + 90)),
  });
}
