/**
 * Test gates for system tools (LibreOffice, Chromium, xmllint). On a developer machine without the
 * tool, the test skips and says why; in CI (`CI_REQUIRE_TOOLS=1`, set by .ci/run) a missing tool
 * fails the run instead, so a broken install can never turn into a silent skip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function onPath(cmd: string): string | undefined {
  try {
    const out = execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim();
    return out && existsSync(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

/** Path of the first command found, or undefined. */
export function findTool(...candidates: string[]): string | undefined {
  for (const c of candidates) {
    const found = c.startsWith('/') ? (existsSync(c) ? c : undefined) : onPath(c);
    if (found) return found;
  }
  return undefined;
}

export const toolsRequired = process.env.CI_REQUIRE_TOOLS === '1';

/**
 * Returns true when the tests needing `tool` should be skipped. Throws when the tool is missing
 * and CI requires it.
 */
export function skipWithout(tool: string | undefined, name: string, purpose: string): boolean {
  if (tool) return false;
  const message = `${name} is not installed: skipping ${purpose}. Install it (see .ci/run) to run these tests.`;
  if (toolsRequired) throw new Error(`${message} CI_REQUIRE_TOOLS=1, so this is a failure.`);
  console.warn(`SKIPPED: ${message}`);
  return true;
}
