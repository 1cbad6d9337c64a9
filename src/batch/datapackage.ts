/**
 * `datapackage.json`: the batch's CSVs as a Frictionless Data Package (https://datapackage.org,
 * version 2.0), so that an analyst, or a tool such as frictionless or pandas' readers, knows what
 * every column means, its type, and how the tables join, from the package alone.
 *
 * The descriptor is built from the tables' Resources (table-schema.ts), the same descriptions the
 * CSV headers and docs/dataset.md are made from.
 */
import { attributionOf } from '../report/build-view-model.js';
import type { Framework } from '../framework/index.js';
import { FALSE_VALUES, TRUE_VALUES, type Field, type Resource } from './table-schema.js';

export const DATA_PACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';
export const TABLE_SCHEMA_PROFILE = 'https://datapackage.org/profiles/2.0/tableschema.json';

export interface PackageInfo {
  /** The round (results.csv's Round). */
  round: string;
  /** When the batch ran (ISO 8601). */
  created: string;
  tool: { name: string; version: string };
}

/** A package name: lower case letters, digits, "-", "_" and "." only. */
export const packageName = (round: string): string =>
  `dmf-${round
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')}`.replace(/-$/, '');

function fieldDescriptor(f: Field): Record<string, unknown> {
  const constraints: Record<string, unknown> = {};
  if (f.required) constraints.required = true;
  if (f.enum) constraints.enum = [...f.enum];
  return {
    name: f.name,
    type: f.type,
    description: f.description,
    ...(f.type === 'boolean' ? { trueValues: [...TRUE_VALUES], falseValues: [...FALSE_VALUES] } : {}),
    ...(f.type === 'date' ? { format: 'default' } : {}),
    ...(Object.keys(constraints).length ? { constraints } : {}),
  };
}

/** One resource of the package: a CSV in the output folder, `<name>.csv`. */
export function resourceDescriptor(r: Resource): Record<string, unknown> {
  return {
    name: r.name,
    type: 'table',
    path: `${r.name}.csv`,
    title: r.title,
    description: r.description,
    format: 'csv',
    mediatype: 'text/csv',
    // Written with a byte order mark, so that Excel opens accents correctly.
    encoding: 'utf-8',
    schema: {
      $schema: TABLE_SCHEMA_PROFILE,
      fields: r.fields.map(fieldDescriptor),
      missingValues: r.missingValues ?? [''],
      ...(r.primaryKey ? { primaryKey: r.primaryKey } : {}),
      ...(r.foreignKeys
        ? {
            foreignKeys: r.foreignKeys.map((k) => ({
              fields: k.fields,
              reference: { resource: k.resource, fields: k.fieldsThere },
            })),
          }
        : {}),
    },
  };
}

/** The whole descriptor, as the object datapackage.json holds. */
export function dataPackage(
  framework: Framework,
  resources: readonly Resource[],
  info: PackageInfo,
): Record<string, unknown> {
  const { attribution, licenceUrl } = attributionOf(framework);
  return {
    $schema: DATA_PACKAGE_PROFILE,
    name: packageName(info.round),
    title: `Digital maturity self-assessments against the ${framework.title}: ${info.round}`,
    description:
      `The results of a round of self-assessments against the ${framework.title} ` +
      `(${framework.id} ${framework.version}), as ${info.tool.name} ${info.tool.version} computed ` +
      'them: one CSV per table, each column described in its schema. results.csv holds one row ' +
      'per department and element; ratings.csv every rating with the rating used, from which the ' +
      'levels can be recomputed; framework.csv what every id means. The rules: docs/scoring.md, ' +
      'docs/comparisons.md and docs/dataset.md of dgx-maturity. `Confidence` in results.csv is the ' +
      'graded confidence since December 2026 (it was a coverage flag, now `Coverage confidence`).',
    version: '1.0.0',
    created: info.created,
    keywords: ['digital maturity', 'self-assessment', framework.id],
    contributors: [{ title: info.tool.name, roles: ['producer'] }],
    ...(licenceUrl
      ? {
          licenses: [
            { path: licenceUrl, title: `${framework.licence} (the framework's text in framework.csv)` },
          ],
        }
      : {}),
    sources: [
      { title: framework.source ?? `${framework.title}, ${framework.publisher}, ${framework.published}` },
    ],
    // Properties of this package beyond the standard (the standard allows them).
    round: info.round,
    framework: {
      id: framework.id,
      title: framework.title,
      version: framework.version,
      publisher: framework.publisher,
      published: framework.published,
      licence: framework.licence,
      attribution,
    },
    tool: info.tool,
    resources: resources.map(resourceDescriptor),
  };
}
