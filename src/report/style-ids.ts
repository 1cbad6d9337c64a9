/**
 * The ids of the report's Word styles (defined in ./word-styles.ts), apart from their definitions so
 * that checking a template's style map does not load docx: the batch's main thread checks the
 * template and leaves docx to its workers.
 */

/** The paragraph and character styles a template may name in its style map. */
export const REPORT_STYLE_IDS = [
  'Normal',
  'Title',
  'Subtitle',
  'Heading1',
  'Heading2',
  'Heading3',
  'Heading4',
  'TOCHeading',
  'Lead',
  'BodyKeep',
  'InsetText',
  'CoverMeta',
  'CoverDepartment',
  'Caption',
  'TableText',
  'TableTextKeep',
  'TableHeading',
  'CompactTableText',
  'CompactTableHeading',
  'HeatMapText',
  'HeatMapHeading',
  'Small',
  'Evidence',
  'Question',
  'Marking',
  'ListParagraph',
  'Hyperlink',
  'Strong',
  'ReportTable',
  'CompactTable',
  'HeatMapTable',
] as const;

export type ReportStyleId = (typeof REPORT_STYLE_IDS)[number];
