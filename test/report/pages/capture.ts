/** Packs a docx Document with an estimator that records what the plan, the check and the layout give. */
import {
  Document,
  Packer,
  type IContext,
  type IPropertiesOptions,
  type IXmlableObject,
  type ISectionOptions,
} from 'docx';
import { pageNumbersByDesign, type ByDesign } from '../../../src/report/pages/by-design.js';
import { layoutPageNumbers } from '../../../src/report/pages/layout-page-numbers.js';
import { planPages, type PlanResult } from '../../../src/report/pages/page-plan.js';
import { sectionProperties } from '../../../src/report/page-furniture.js';
import { reportExternalStyles, reportStyles } from '../../../src/report/word-styles.js';

export interface Captured {
  plan: PlanResult;
  byDesign: ByDesign;
  layout: { bookmarks: Map<string, number>; pageCount: number | undefined };
}

export async function capture(
  children: ISectionOptions['children'],
  options: Pick<IPropertiesOptions, 'compatibility'> = {},
): Promise<Captured> {
  let got: Captured | undefined;
  const document = new Document({
    ...options,
    styles: reportStyles(),
    externalStyles: reportExternalStyles(),
    pageNumbers: (body: IXmlableObject, context: IContext) => {
      const l = layoutPageNumbers(body, context);
      got = {
        plan: planPages(body),
        byDesign: pageNumbersByDesign(body, context),
        layout: { bookmarks: new Map(l.bookmarkPageNumbers), pageCount: l.pageCount },
      };
      return l;
    },
    sections: [{ ...sectionProperties({ marking: 'OFFICIAL', document: { title: 'A test' } }), children }],
  });
  await Packer.pack(document, 'uint8array');
  return got!;
}
