/** Write → read gives back the same answers, for any answers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { score, type Answers } from '../../src/scoring/index.js';
import { cleanText } from '../../src/text/safe-text.js';
import { readWorkbook } from '../../src/workbook/read/index.js';
import { answersArbitrary, FIXED_TIME, prng, randomAnswers, workbookFor } from './helpers.js';

const framework = builtInFramework();

/** What the reader gives back for a text: cleaned of control characters and trimmed. */
const asRead = (texts: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(texts)
      .map(
        ([k, v]) =>
          [
            k,
            cleanText(v)
              .replace(/[\ufffe\uffff]/g, '')
              .trim(),
          ] as const,
      )
      .filter(([, v]) => v),
  );

function expected(a: Answers): Answers {
  return {
    ...a,
    evidence: asRead(a.evidence),
    responses: asRead(a.responses),
    judgements: Object.fromEntries(
      Object.entries(a.judgements).map(([k, j]) => {
        const rationale = asRead({ r: j.rationale ?? '' }).r;
        return [k, { ...(j.level ? { level: j.level } : {}), ...(rationale ? { rationale } : {}) }];
      }),
    ),
  };
}

describe('round trip', () => {
  it('a blank template reads as empty answers with its metadata', async () => {
    const r = await readWorkbook(
      framework,
      await workbookFor(framework, undefined, { department: 'Cabinet Office' }),
    );
    expect(r.answers).toEqual({
      frameworkId: framework.id,
      frameworkVersion: framework.version,
      ratings: {},
      evidence: {},
      responses: {},
      judgements: {},
    });
    expect(r.meta).toEqual({
      frameworkId: 'dgx-dmf-mvp',
      frameworkVersion: '1.0.0',
      contractVersion: '1.0.0',
      createdAt: FIXED_TIME,
      createdBy: 'dmf',
      department: 'Cabinet Office',
      marking: 'OFFICIAL',
    });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(Array(7).fill('unanswered'));
  });

  it('gives back any answers exactly, texts included', async () => {
    await fc.assert(
      fc.asyncProperty(answersArbitrary(framework), async (answers) => {
        const r = await readWorkbook(framework, await workbookFor(framework, answers));
        expect(r.answers).toEqual(expected(answers));
        expect(r.diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'unanswered')).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });

  it('gives the same scores, and the cached levels agree with the engine', async () => {
    for (let seed = 1; seed <= 5; seed++) {
      const answers = randomAnswers(framework, prng(seed));
      const r = await readWorkbook(framework, await workbookFor(framework, answers));
      expect(score(framework, r.answers)).toEqual(score(framework, answers));
      expect(r.diagnostics.map((d) => d.code)).not.toContain('cached-level-differs');
    }
  });

  it('reads respondent details typed on Start here', async () => {
    const bytes = await workbookFor(framework, undefined, {
      fields: {
        respondent: 'A. Person',
        role: 'CDO',
        contact: 'a@example.org',
        date: '2026-03-01',
        marking: 'OFFICIAL-SENSITIVE',
      },
    });
    const r = await readWorkbook(framework, bytes);
    expect(r.meta).toMatchObject({
      respondent: 'A. Person',
      role: 'CDO',
      contact: 'a@example.org',
      date: '2026-03-01',
      marking: 'OFFICIAL-SENSITIVE',
    });
  });
});
