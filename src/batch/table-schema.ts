/**
 * The dataset's tables described once: each column's name, type and plain-English meaning. The
 * CSV header, `datapackage.json` (Frictionless Table Schema) and docs/dataset.md are all made from
 * these descriptions, so the data dictionary cannot drift from the data.
 */

/** The Table Schema types the dataset uses. */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date';

export interface Field {
  name: string;
  type: FieldType;
  /** What the column holds, in plain English: the data dictionary. */
  description: string;
  /** The only values the column may hold (text columns). */
  enum?: readonly string[];
  /** Never blank. */
  required?: boolean;
}

/** Booleans are written "yes" and "no" (the dataset's readers are spreadsheets, not programs). */
export const TRUE_VALUES = ['yes'] as const;
export const FALSE_VALUES = ['no'] as const;

export interface ForeignKey {
  fields: string[];
  /** The resource (table) the key points to, by its name. */
  resource: string;
  fieldsThere: string[];
}

export type Cell = string | number | null;

export interface Table {
  /** The sheet's name in results.xlsx. */
  name: string;
  header: string[];
  /**
   * Made row by row each time they are iterated (CSV, then xlsx), never held all at once: the
   * answers table of a large batch has a hundred thousand rows or more.
   */
  rows: Iterable<Cell[]>;
  /** Set for a table written as a CSV of the data package (the dictionary and keys). */
  resource?: Resource;
  /** How the sheet is laid out in results.xlsx, when not as a plain table. */
  layout?: SheetLayout;
}

/** A sheet's layout beyond the frozen header row and filters every sheet has. */
export interface SheetLayout {
  /** Columns kept in view when scrolling right (ids and labels). */
  frozenColumns: number;
  /** Column widths in characters, by position; others as wide as their header. */
  widths: number[];
  /** Fills by exact cell text, from this column on (1-based): each cell still says its value in words. */
  fills?: { fromColumn: number; rules: { text: string; fill: string }[] };
}

/** What `datapackage.json` says of one CSV. */
export interface Resource {
  /** The resource's name (lower case, hyphens), and its file: `<name>.csv`. */
  name: string;
  title: string;
  description: string;
  fields: Field[];
  primaryKey?: string[];
  foreignKeys?: ForeignKey[];
  /** Cell values that mean "no value" (always includes the blank cell). */
  missingValues?: string[];
}

/** A re-iterable sequence from a generator function. */
export const lazily = <T>(generate: () => Generator<T>): Iterable<T> => ({ [Symbol.iterator]: generate });

/** A table described by its resource: the header is the fields' names, in order. */
export function describedTable(name: string, resource: Resource, rows: Iterable<Cell[]>): Table {
  return { name, header: resource.fields.map((f) => f.name), rows, resource };
}

export const yesNo = (b: boolean): string => (b ? 'yes' : 'no');
