/**
 * The cross-government distribution as a native Word chart: one stacked bar per element, one
 * segment per level, each labelled with its count (so nothing rests on colour alone). The alt
 * text says the same in words and the summary prints the same data as a table.
 */
import type { Paragraph } from 'docx';
import { levelCountsChart } from '../level-counts-chart.js';
import type { SummaryViewModel } from './summary-model.js';

export function distributionChart(model: SummaryViewModel): Paragraph {
  return levelCountsChart({
    scale: model.scale,
    bars: model.distribution.map((r) => ({ label: r.shortTitle, counts: r.counts })),
    departments: model.countedCount,
    altText: { name: 'Distribution chart', title: model.chart.title, description: model.chart.altText },
    height: Math.round(Math.max(240, 36 * model.distribution.length + 120)),
  });
}
