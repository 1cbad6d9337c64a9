/**
 * Prints, as JSON, whether the answers' records of a department (as the batch's thread receives
 * them, by structured clone) are held in V8's fast mode before and after compactReadResult. Needs
 * V8's natives syntax, so it runs in a process of its own: run by compact-read.test.ts as
 * `node --allow-natives-syntax --import tsx test/batch/compact-read-child.ts`.
 */
import { deserialize, serialize } from 'node:v8';
import { StringPool, compactReadResult } from '../../src/batch/compact-read.js';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import type { ReadResult } from '../../src/workbook/read-result.js';

const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
const framework = builtInFramework();
const [department] = fictionalGovernment(framework, 1, 2026);
const received = (): ReadResult =>
  deserialize(
    serialize({
      meta: { frameworkId: framework.id, frameworkVersion: framework.version, contractVersion: '1' },
      answers: department!.answers,
      diagnostics: [],
    }),
  ) as ReadResult;
const records = (read: ReadResult) => [read.answers.ratings, read.answers.evidence, read.answers.responses];
const compacted = compactReadResult(received(), new StringPool());
console.log(
  JSON.stringify({
    keys: records(compacted).map((r) => Object.keys(r).length),
    fastWhenReceived: records(received()).map(hasFastProperties),
    fastWhenCompacted: records(compacted).map(hasFastProperties),
  }),
);
