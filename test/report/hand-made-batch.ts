/**
 * Departments with the levels a test chooses, made from ratings (so the scores are the engine's
 * own): for a target level L of an element, the characteristics of L are rated "Fully" and the
 * others "Not at all" — except that a staged upper level also needs the levels below it from
 * `stagedFrom` up, which are rated "Fully" too.
 */
import { characteristicsOf, type Framework } from '../../src/framework/index.js';
import { emptyAnswers, score, type Answers, type ScoreResult } from '../../src/scoring/index.js';

export interface HandMade {
  department: string;
  answers: Answers;
  scores: ScoreResult;
}

export interface HandMadeOptions {
  /** Own view per element (same order as the levels); undefined: not given. */
  ownView?: (number | undefined)[];
  /** Answer only this share of each element's characteristics, from the top level down (the rest unanswered). */
  answered?: number;
  /** Evidence on every characteristic rated "Fully". */
  evidence?: boolean;
}

/** One department whose element levels are `levels` (null: the element left blank). */
export function department(
  framework: Framework,
  name: string,
  levels: readonly (number | null)[],
  options: HandMadeOptions = {},
): HandMade {
  const answers = emptyAnswers(framework);
  const { stagedFrom } = framework.scoring;
  framework.elements.forEach((element, i) => {
    const target = levels[i] ?? null;
    if (target === null) return;
    const all = characteristicsOf(element);
    const keep = Math.ceil(all.length * (options.answered ?? 1));
    // From the top level down, so a department that answers little still reaches its target.
    const rated = new Set(all.slice(all.length - keep).map((c) => c.id));
    for (const level of element.levels) {
      const fully =
        level.rank === target || (target >= stagedFrom && level.rank >= stagedFrom && level.rank <= target);
      for (const c of level.characteristics) {
        if (!rated.has(c.id)) continue;
        answers.ratings[c.id] = fully ? 'Fully' : 'Not at all';
        if (fully && options.evidence) answers.evidence[c.id] = 'Seen in the annual report.';
      }
    }
    const own = options.ownView?.[i];
    if (own !== undefined) answers.judgements[element.id] = { level: own, rationale: '' };
  });
  return { department: name, answers, scores: score(framework, answers) };
}

/** The same level in every element. */
export const flat = (framework: Framework, level: number | null) => framework.elements.map(() => level);
