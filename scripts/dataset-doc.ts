/**
 * Writes docs/dataset.md, the data dictionary of the batch's data package, from the tables'
 * descriptions in src/batch (the same ones datapackage.json and the CSV headers are made from).
 *
 *   npx tsx scripts/dataset-doc.ts
 *
 * test/batch/dataset-doc.test.ts fails when the committed file is not what this writes.
 */
import { writeFileSync } from 'node:fs';
import { datasetDoc } from '../src/batch/dataset-doc.js';
import { builtInFramework } from '../src/framework/index.js';

const path = new URL('../docs/dataset.md', import.meta.url);
writeFileSync(path, datasetDoc(builtInFramework()));
console.info(`wrote ${path.pathname}`);
