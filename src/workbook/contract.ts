/**
 * The workbook contract: the names, headers and ids that the plan writes and the reader looks for.
 * Both sides import them from here, so a header cannot be renamed on one side only.
 * docs/workbook-contract.md explains each for analysts.
 */
import type { ContractVersion } from './plan/types.js';

/**
 * Version of the layout. Major: a reader of another major version cannot read the workbook.
 * Minor: additions a reader of the same major version may ignore. Patch: cosmetic.
 */
export const CONTRACT_VERSION: ContractVersion = '1.0.0';

/** Fixed sheet names (element sheets are named by the element's `shortTitle`). */
export const SHEET = {
  start: 'Start here',
  summary: 'Summary',
  meta: '_meta',
} as const;

/**
 * Column headers. The reader finds a table by a header row that contains {@link HEADER.id}, and
 * each column by its header text (compared like rating labels: case and spaces do not matter).
 */
export const HEADER = {
  id: 'ID',
  ref: 'Ref',
  characteristic: 'Characteristic',
  rating: 'Rating',
  evidence: 'Evidence or comment',
  question: 'Question',
  response: 'Response',
  field: 'Field',
  item: 'Item',
  result: 'Result',
  level: 'Level',
  levelName: 'Level name',
  fit: 'Fit',
  reached: 'Reached',
  element: 'Element',
  computedLevel: 'Computed level',
  coverage: 'Coverage',
  ownJudgement: 'Own judgement',
} as const;

/** The text of a computed level cell when the element has no scored rating. */
export const NOT_ASSESSED = 'Not assessed';

/**
 * Ids of rows that are not framework items. Framework ids never contain ":" (see ItemId in
 * src/framework/schema.ts), so these cannot collide with them.
 */
export const SpecialId = {
  /** A field of the "About you" table on Start here, e.g. "field:department". */
  field: (name: FieldName) => `field:${name}`,
  /** The respondent's own judgement of an element's best-fitting level. */
  judgement: (elementId: string) => `judgement:${elementId}`,
  /** Why the respondent judges so. */
  rationale: (elementId: string) => `rationale:${elementId}`,
  /** The computed level of an element (formula; read only to compare with the engine). */
  level: (elementId: string) => `level:${elementId}`,
  /** The computed coverage of an element (formula). */
  coverage: (elementId: string) => `coverage:${elementId}`,
  /** The computed fit of one level (formula). */
  fit: (levelId: string) => `fit:${levelId}`,
  /** A row of the Summary table. */
  summary: (elementId: string) => `summary:${elementId}`,
} as const;

/** The "About you" fields on Start here, in order, with their labels. */
export const FIELDS = [
  { name: 'department', label: 'Department / organisation' },
  { name: 'respondent', label: 'Respondent' },
  { name: 'role', label: 'Role' },
  { name: 'contact', label: 'Contact (email or phone)' },
  { name: 'date', label: 'Date' },
  { name: 'marking', label: 'Protective marking' },
] as const;

export type FieldName = (typeof FIELDS)[number]['name'];

/** The protective marking pre-filled on Start here. */
export const DEFAULT_MARKING = 'OFFICIAL';

/**
 * Longest protective marking a report prints: whole, centred, on one line at the top and bottom of
 * every page, where 40 characters of the widest letters (or CJK) still fit. A marking is never
 * shortened; a longer one in "About you" is a warning when the workbook is read, and the report
 * refuses it (src/report/brief-caps.ts) unless another is given with --marking.
 */
export const MARKING_MAX_LENGTH = 40;

/** Keys of the key/value rows on `_meta` (column A key, column B value). */
export const META_KEY = {
  /** First row; its value is {@link META_MARKER}. Identifies the sheet even if renamed. */
  marker: 'workbook',
  frameworkId: 'frameworkId',
  frameworkVersion: 'frameworkVersion',
  contractVersion: 'contractVersion',
  createdAt: 'createdAt',
  createdBy: 'createdBy',
  generator: 'generator',
  /**
   * Only in an agreed workbook (`dmf moderate`): what it was made from and what is left to agree,
   * as JSON (src/round/moderation-record.ts). Absent from templates; readers that predate it ignore it.
   */
  moderation: 'moderation',
} as const;

export const META_MARKER = 'dgx-maturity assessment';
