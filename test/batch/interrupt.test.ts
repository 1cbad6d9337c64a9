/**
 * Ctrl-C during a batch: finished reports are kept, nothing is half-written, the log says what was
 * cancelled, and the next run finishes the job.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import { writeWorkbook } from '../../src/workbook/exceljs/index.js';
import { buildPlan } from '../../src/workbook/plan/index.js';
import { runDmf } from '../helpers/run-cli.js';

const f = builtInFramework();
const root = mkdtempSync(join(tmpdir(), 'dmf-interrupt-'));
const inbox = join(root, 'in');
const out = join(root, 'out');
const COUNT = 4;

beforeAll(async () => {
  mkdirSync(inbox);
  for (const d of fictionalGovernment(f, COUNT, 11)) {
    writeFileSync(
      join(inbox, `${d.department}.xlsx`),
      await writeWorkbook(
        buildPlan(f, { department: d.department, answers: d.answers, createdAt: '2026-01-01T00:00:00.000Z' }),
      ),
    );
  }
}, 180_000);

describe('dmf batch interrupted with Ctrl-C', () => {
  it('keeps finished reports, leaves no temporary files, and a re-run completes the rest', async () => {
    const bin = fileURLToPath(new URL('../../bin/dmf.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'batch', inbox, '-o', out, '--jobs', '1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // Interrupt as soon as the first report is written.
        if (/\[1\/4\]/.test(stderr) && !child.killed) child.kill('SIGINT');
      });
      child.on('exit', (c) => resolve(c));
    });
    expect(code).toBe(130);
    expect(stderr).toMatch(/stopping; finished files are kept/);
    const reports = readdirSync(join(out, 'reports'));
    expect(reports.filter((n) => n.endsWith('.tmp') || n.startsWith('.'))).toEqual([]);
    expect(reports.length).toBeGreaterThanOrEqual(1);
    expect(reports.length).toBeLessThan(COUNT);
    const log = JSON.parse(readFileSync(join(out, 'batch-log.json'), 'utf8')) as {
      files: { status: string }[];
    };
    expect(log.files.some((e) => e.status === 'cancelled')).toBe(true);

    const again = runDmf(['batch', inbox, '-o', out, '--jobs', '2']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(
      new RegExp(`Reports: ${COUNT - reports.length} written .*${reports.length} unchanged`),
    );
    expect(readdirSync(join(out, 'reports')).filter((n) => n.endsWith('.docx'))).toHaveLength(COUNT);
  }, 300_000);
});
