/**
 * Checks CSVs against the Table Schemas of a datapackage.json as a Frictionless validator would:
 * the header is the fields' names in order, every value fits its field's type and constraints
 * (missing values allowed unless required), primary keys are unique and foreign keys resolve.
 * Returns one line per problem (empty: the data fits its description).
 */
import { csvRecords } from './csv.js';

interface FieldDescriptor {
  name: string;
  type: string;
  constraints?: { required?: boolean; enum?: string[] };
  trueValues?: string[];
  falseValues?: string[];
}
export interface ResourceDescriptor {
  name: string;
  path: string;
  schema: {
    fields: FieldDescriptor[];
    missingValues?: string[];
    primaryKey?: string[];
    foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
  };
}

/** A formula-like text cell is written with a leading apostrophe (src/text/safe-text.ts). */
const fits = (f: FieldDescriptor, v: string): boolean => {
  switch (f.type) {
    case 'integer':
      return /^-?\d+$/.test(v);
    case 'number':
      return v.trim() !== '' && Number.isFinite(Number(v));
    case 'boolean':
      return [...(f.trueValues ?? ['true']), ...(f.falseValues ?? ['false'])].includes(v);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
    case 'string':
      return true;
    default:
      return false;
  }
};

export function checkTables(
  resources: readonly ResourceDescriptor[],
  csv: (path: string) => string,
): string[] {
  const problems: string[] = [];
  const tables = new Map(resources.map((r) => [r.name, csvRecords(csv(r.path))]));
  const missingOf = (r: ResourceDescriptor) => new Set(r.schema.missingValues ?? ['']);
  for (const r of resources) {
    const { header, records } = tables.get(r.name)!;
    const names = r.schema.fields.map((f) => f.name);
    if (JSON.stringify(header) !== JSON.stringify(names))
      problems.push(
        `${r.path}: header ${JSON.stringify(header)} is not the schema's ${JSON.stringify(names)}`,
      );
    const missing = missingOf(r);
    records.forEach((rec, i) => {
      for (const f of r.schema.fields) {
        const v = rec[f.name] ?? '';
        if (missing.has(v)) {
          if (f.constraints?.required) problems.push(`${r.path} row ${i + 2}: ${f.name} is required`);
          continue;
        }
        if (!fits(f, v)) problems.push(`${r.path} row ${i + 2}: ${f.name} "${v}" is not a ${f.type}`);
        if (f.constraints?.enum && !f.constraints.enum.includes(v))
          problems.push(
            `${r.path} row ${i + 2}: ${f.name} "${v}" is not one of ${f.constraints.enum.join(', ')}`,
          );
      }
    });
    if (r.schema.primaryKey) {
      const seen = new Set<string>();
      for (const rec of records) {
        const key = JSON.stringify(r.schema.primaryKey.map((k) => rec[k]));
        if (seen.has(key)) problems.push(`${r.path}: primary key ${key} is not unique`);
        seen.add(key);
      }
    }
    for (const fk of r.schema.foreignKeys ?? []) {
      const there = tables.get(fk.reference.resource);
      if (!there) {
        problems.push(`${r.path}: foreign key to unknown resource ${fk.reference.resource}`);
        continue;
      }
      const keys = new Set(there.records.map((t) => JSON.stringify(fk.reference.fields.map((k) => t[k]))));
      for (const rec of records) {
        const values = fk.fields.map((k) => rec[k]);
        if (values.every((v) => v === undefined || missing.has(v))) continue;
        if (!keys.has(JSON.stringify(values)))
          problems.push(`${r.path}: ${JSON.stringify(values)} has no row in ${fk.reference.resource}`);
      }
    }
  }
  return problems;
}
