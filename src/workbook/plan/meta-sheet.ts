/** "_meta" (very hidden): what the reader needs to recognise the workbook, as key/value rows. */
import type { Framework } from '../../framework/index.js';
import { CONTRACT_VERSION, META_KEY, META_MARKER, SHEET } from '../contract.js';
import { printSetup, protection } from './layout.js';
import { SheetBuilder } from './sheet-builder.js';
import type { CellStyle, SheetPlan, StyleName } from './types.js';

export function metaSheet(
  framework: Framework,
  styles: Record<StyleName, CellStyle>,
  created: { at: string; by: string; generator: string },
  /** An agreed workbook's record (src/round/moderation-record.ts), as its `_meta` value. */
  moderation?: string,
): SheetPlan {
  const s = new SheetBuilder(
    SHEET.meta,
    [
      { column: 1, width: 20, hidden: false },
      { column: 2, width: 40, hidden: false },
    ],
    styles,
  );
  const rows: [string, string][] = [
    [META_KEY.marker, META_MARKER],
    [META_KEY.frameworkId, framework.id],
    [META_KEY.frameworkVersion, framework.version],
    [META_KEY.contractVersion, CONTRACT_VERSION],
    [META_KEY.createdAt, created.at],
    [META_KEY.createdBy, created.by],
    [META_KEY.generator, created.generator],
    ...(moderation !== undefined ? [[META_KEY.moderation, moderation] as [string, string]] : []),
  ];
  for (const [key, value] of rows)
    s.line([
      [key, 'meta'],
      [value, 'meta'],
    ]);
  return s.build({
    role: 'meta',
    elementId: null,
    visibility: 'veryHidden',
    tabColor: null,
    freeze: { rows: 0, columns: 0 },
    print: printSetup(null, ''),
    protection: protection(),
  });
}
