/**
 * The pages the brief (template `ministerial`) is designed to have, from its view model: the heading
 * each page starts with, and the headings of the parts that share it. The same plan as the
 * template's page breaks (docs/report.md, "The brief's fixed shape").
 */
import type { ReportViewModel } from '../../src/report/index.js';

export interface DesignedPage {
  /** The heading the page starts with (page 1: the first heading after the brief's title lines). */
  first: string;
  /** Headings of other parts on the same page. */
  also: string[];
}

export function designedPages(vm: ReportViewModel): DesignedPage[] {
  return [
    // Page 1 starts with the kicker, the department and who answered: its first heading is "Summary".
    { first: vm.cover.title, also: ['Summary'] },
    { first: 'The level of each element', also: ['Contents'] },
    ...(vm.peers ? [{ first: 'How you compare', also: [] }] : []),
    ...vm.elements.map((e) => ({ first: `${e.number}. ${e.title}`, also: [] })),
    {
      first: 'Annex: how the levels were worked out',
      also: vm.dataQuality.worthReporting ? ['Data quality: answers that could not be used'] : [],
    },
    ...(vm.consolidation ? [{ first: 'Annex: who answered and where they disagreed', also: [] }] : []),
  ];
}
