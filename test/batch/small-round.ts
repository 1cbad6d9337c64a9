/**
 * A small round to run a batch on (tests that watch what runBatch does, not what it writes): a few
 * fictional departments' returns in `root/in`, and the built-in report and summary templates.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import type { Framework } from '../../src/framework/index.js';
import type { TemplateFiles } from '../../src/report/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { workbookFor } from '../workbook/helpers.js';

export interface SmallRound {
  /** A fresh folder: the returns are in `in/`, each run's output goes beside them. */
  root: string;
  inbox: string;
  templates: { templateFiles: TemplateFiles; summaryTemplateFiles: TemplateFiles };
}

export async function smallRound(
  framework: Framework,
  count: number,
  seed: number,
  name: string,
): Promise<SmallRound> {
  const root = mkdtempSync(join(tmpdir(), `dmf-${name}-`));
  const inbox = join(root, 'in');
  mkdirSync(inbox);
  for (const [i, d] of fictionalGovernment(framework, count, seed).entries())
    writeFileSync(
      join(inbox, `d${i}.xlsx`),
      await workbookFor(framework, d.answers, { department: d.department }),
    );
  return {
    root,
    inbox,
    templates: {
      templateFiles: await loadTemplate('ministerial'),
      summaryTemplateFiles: await loadTemplate('summary'),
    },
  };
}
