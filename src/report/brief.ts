/**
 * The brief on the report's first page: the bottom line in one sentence, how firm it is in one
 * sentence, the three priorities and what the reader is asked to do. Built from the parts of the
 * view model already worked out (profile, element sections, data quality), so it can never say
 * something the rest of the report does not. Pure.
 */
import {
  ASK_ELEMENTS_EM,
  BRIEF_ITEM_EM,
  BRIEF_LIST_EM,
  briefRunOn,
  namedWithin,
  widthEm,
} from './brief-caps.js';
import { listText, numberWord, plural, pluralWords, runOn } from './format.js';
import { CENTRE_WORDS } from '../advice/index.js';
import type { ConsolidationSummary } from '../moderation/summary.js';
import type {
  DataQuality,
  ElementRef,
  ElementSection,
  MoveAwayItem,
  Firmness,
  JudgementDifference,
  ProfileRow,
  ScaleLevel,
  TopPriority,
} from './view-model.js';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * "Mostly level 1 (Non-digital / non-responsive): 6 of the 7 elements are at level 1 and none is
 * above level 2." The most common level when it holds more than half the assessed elements, else the
 * spread; always whether any element reaches the top of the scale.
 */
export function verdict(profile: readonly ProfileRow[], scale: readonly ScaleLevel[]): string {
  const assessed = profile.filter((r) => r.level !== null);
  const n = profile.length;
  if (!assessed.length) return `No element could be assessed: none of the ${n} has a rating that counts.`;
  const top = scale.length;
  const levels = assessed.map((r) => r.level!);
  const max = Math.max(...levels);
  const min = Math.min(...levels);
  const nameOf = (rank: number) => scale.find((s) => s.rank === rank)?.name ?? '';
  const of = assessed.length === n ? `${n}` : `${assessed.length} assessed`;
  const notAssessed = n - assessed.length;
  const tail = notAssessed
    ? ` ${capitalise(pluralWords(notAssessed, 'element'))} could not be assessed.`
    : '';
  if (min === max) {
    return (
      `${assessed.length === 1 ? 'The only assessed element is' : `All ${of} elements are`} at level ${max} ` +
      `(${nameOf(max)})${max < top ? `; none reaches level ${top}` : ''}.${tail}`
    );
  }
  const counts = new Map<number, number>();
  for (const l of levels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const [mode, modeCount] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
  const atTop = counts.get(top) ?? 0;
  const ceiling =
    max < top
      ? `none is above level ${max}`
      : `${plural(atTop, 'element')} ${atTop === 1 ? 'reaches' : 'reach'} level ${top}`;
  if (modeCount * 2 > assessed.length) {
    const rest = assessed.length - modeCount;
    const others =
      max === mode ? `the other ${rest === 1 ? 'one is' : `${numberWord(rest)} are`} lower` : ceiling;
    return (
      `Mostly level ${mode} (${nameOf(mode)}): ${modeCount} of the ${of} elements are at level ${mode} ` +
      `and ${others}.${tail}`
    );
  }
  return (
    `Mixed: the elements range from level ${min} to level ${max}, most often level ${mode} ` +
    `(${modeCount} of the ${of})${max < top ? `; none reaches level ${top}` : ''}.${tail}`
  );
}

/** One sentence: coverage, how many levels are firm or could move, and the confidence grades. */
export function firmness(profile: readonly ProfileRow[], coverageText: string): Firmness {
  const assessed = profile.filter((r) => r.level !== null);
  const moves = assessed.map((r) =>
    Math.max(r.level! - (r.range.low ?? r.level!), (r.range.high ?? r.level!) - r.level!),
  );
  const couldMove = moves.filter((m) => m > 0).length;
  const firm = assessed.length - couldMove;
  const maxMove = Math.max(0, ...moves);
  const grades = { high: 0, medium: 0, low: 0 };
  for (const r of assessed) grades[r.grade]++;
  const gradeParts = (['high', 'medium', 'low'] as const)
    .filter((g) => grades[g] > 0)
    .map((g, i) => `${g} for ${i === 0 ? plural(grades[g], 'element') : grades[g]}`);
  const text = !assessed.length
    ? `With ${coverageText} of the characteristics answered, no element could be assessed.`
    : `With ${coverageText} of the characteristics answered, ` +
      (couldMove === 0
        ? `all ${assessed.length} levels are firm`
        : `${firm} of the ${assessed.length} levels ${firm === 1 ? 'is' : 'are'} firm and ${couldMove} could move ` +
          `by ${maxMove === 1 ? 'one level' : `up to ${pluralWords(maxMove, 'level')}`} if the unanswered items were answered`) +
      `; confidence is ${listText(gradeParts)}.`;
  return { firm, couldMove, maxMove, grades, text };
}

/** The brief's priorities (or its steps that need the centre): one step of each chosen element (src/advice). */
export function topPriorities(
  elements: readonly ElementSection[],
  chosen: readonly { element: number; step: { id: string } }[],
): TopPriority[] {
  return chosen.map(({ element, step: { id } }) => {
    const e = elements[element]!;
    const steps = e.nextSteps!;
    const at = steps.ranked.findIndex((c) => c.id === id);
    return {
      ...ref(e),
      level: e.level!,
      towardsLevel: steps.towardsLevel,
      towardsName: steps.towardsName,
      stepsLevel: steps.stepsLevel,
      step: steps.ranked[at]!,
      moreSteps: steps.ranked.length - 1,
      text: `${e.title}, from level ${e.level} to level ${steps.towardsLevel}`,
    };
  });
}

const ref = (e: ElementRef): ElementRef => ({
  id: e.id,
  anchor: e.anchor,
  title: e.title,
  shortTitle: e.shortTitle,
});

/** What to move away from across elements, in the advice's order (src/advice). */
export function moveAwayFrom(
  elements: readonly ElementSection[],
  chosen: readonly { element: number; step: { id: string } }[],
): MoveAwayItem[] {
  return chosen.map(({ element, step: { id } }) => {
    const e = elements[element]!;
    return { ...ref(e), item: e.moveAwayFrom.find((c) => c.id === id)! };
  });
}

/** The share answered of the characteristics that decide the results: the result level and the next of each assessed element, every level of one not assessed. */
export function decidingAnswered(elements: readonly ElementSection[]): { answered: number; total: number } {
  let answered = 0;
  let total = 0;
  for (const e of elements) {
    const fits = e.assessed ? e.fits.filter((f) => f.rank === e.level || f.rank === e.level! + 1) : e.fits;
    for (const f of fits) {
      answered += f.answered;
      total += f.total;
    }
  }
  return { answered, total };
}

/**
 * When fewer than half the characteristics that decide the results are answered, the first thing to
 * ask: complete the return, before acting on any priority. null otherwise.
 */
export function completeFirst(elements: readonly ElementSection[]): string | null {
  const { answered, total } = decidingAnswered(elements);
  if (!total || answered * 2 >= total) return null;
  return (
    `Ask for the return to be completed before acting on it: only ${answered} of the ${total} characteristics ` +
    `that decide the levels (${Math.round((answered / total) * 100)}%) are answered, so the levels and priorities below could change.`
  );
}

/** Every element's level with the range it could take, in one sentence (page 1 shows it when the return is incomplete). */
export function rangesText(profile: readonly ProfileRow[]): string {
  return (
    'Levels as answered, with the range each could take: ' +
    profile
      .map(
        (r) =>
          `${r.shortTitle}, ${r.level === null ? 'not assessed' : `level ${r.level}${r.rangeText ? ` (could be ${r.rangeText})` : ' (firm)'}`}`,
      )
      .join('; ') +
    '.'
  );
}

/** Several respondents: how many formed the result, how far they agreed, and what settled the rest. null for one. */
export function respondentsText(c: ConsolidationSummary | null): string | null {
  if (!c || c.respondentCount < 2) return null;
  const who = `${capitalise(numberWord(c.respondentCount))} respondents formed this result`;
  if (c.base === 0)
    return `${who}; no characteristic was rated by more than one of them, so their agreement cannot be measured.`;
  const rest = c.base - c.agreed;
  return (
    `${who}. They agreed on ${c.agreedPercent}% of the characteristics ${c.respondentCount === 2 ? 'both' : 'two or more of them'} rated ` +
    `(${c.agreed} of ${c.base})` +
    (rest
      ? `; no moderation has settled the other ${rest}, which take ${c.rule === 'median' ? 'the middle rating given' : 'the lowest rating given'}.`
      : '.')
  );
}

/** The elements by their short titles, or "five elements" when those are too long for page 1 (table 1 names them). */
function elementsNamed(elements: readonly ElementRef[]): string {
  const named = listText(elements.map((e) => e.shortTitle));
  return widthEm(named) <= ASK_ELEMENTS_EM ? named : `${pluralWords(elements.length, 'element')} (table 1)`;
}

/** How many sentences "What we ask of you" holds at most. */
export const ASKS_MAX = 5;

/**
 * What the reader is asked to do, the most important first: complete the return when it is too
 * incomplete to act on; the department's own priorities; what needs the centre of government; what
 * to move away from; then answers, evidence, differing views and data problems.
 */
export function asks(input: {
  completeFirst: string | null;
  priorities: readonly TopPriority[];
  centre: readonly TopPriority[];
  moveAwayFrom: readonly MoveAwayItem[];
  elements: readonly ElementSection[];
  differences: readonly JudgementDifference[];
  dataQuality: DataQuality;
}): string[] {
  const { priorities, elements, differences, dataQuality } = input;
  const out: string[] = [];
  if (input.completeFirst) out.push(input.completeFirst);
  if (priorities.length) {
    out.push(
      // The asks follow the priorities, except when the return must be completed first.
      `Agree the ${priorities.length === 1 ? 'priority' : `${numberWord(priorities.length)} priorities`} ` +
        `${input.completeFirst ? 'below, once the return is complete' : 'above'}, ` +
        'which the department can act on itself, and ask for a plan with an owner and a date for each.',
    );
  }
  if (input.centre.length) {
    out.push(
      `${capitalise(CENTRE_WORDS)}: ${briefRunOn(
        input.centre.map((p) => `${p.step.shortText} (${p.shortTitle})`),
        3,
        'step',
      ).replace(/\.$/, '')}. Raise ${input.centre.length === 1 ? 'it' : 'them'} with the centre.`,
    );
  }
  if (input.moveAwayFrom.length) {
    const away = input.moveAwayFrom.map((m) => `${m.item.shortText} (${m.shortTitle})`);
    // The first is named unless its label is too wide for the brief (src/report/brief-caps.ts).
    const first = namedWithin(away, 1, BRIEF_LIST_EM, BRIEF_ITEM_EM)
      ? `, first: ${runOn(away, 1).replace(/\.$/, '')}.`
      : ', listed in the full record.';
    out.push(
      `Move away from the ${plural(input.moveAwayFrom.length, 'problem')} the return says ` +
        `${input.moveAwayFrom.length === 1 ? 'describes' : 'describe'} the department${first}`,
    );
  }
  const movable = elements.filter((e) => e.assessed && !e.range.firm);
  const open = movable.reduce(
    (n, e) => n + e.restsOn.reduce((m, l) => m + l.items.filter((c) => !c.assessed).length, 0),
    0,
  );
  if (movable.length && !input.completeFirst) {
    out.push(
      `Ask for the unanswered characteristics of ${elementsNamed(movable)} to be answered` +
        `${open ? ` (${plural(open, 'item')} in the levels that decide the result)` : ''}: ` +
        `${movable.length === 1 ? 'its level' : 'their levels'} could change.`,
    );
  }
  const inPlace = elements.reduce((n, e) => n + e.evidence.inPlace, 0);
  const withEvidence = elements.reduce((n, e) => n + e.evidence.withEvidence, 0);
  if (inPlace > 0 && withEvidence * 2 < inPlace) {
    out.push(
      `Ask for evidence behind the ratings: only ${withEvidence} of the ${inPlace} characteristics rated ` +
        '“Largely” or “Fully” have any.',
    );
  }
  if (differences.length) {
    const higher = differences.filter((d) => d.direction === 'higher').length;
    out.push(
      `Note that the respondent’s own view differs from the evidence in ${plural(differences.length, 'element')}` +
        (differences.length < 2
          ? ''
          : higher === differences.length
            ? ', always higher'
            : higher === 0
              ? ', always lower'
              : '') +
        ': ask why before relying on their view.',
    );
  }
  if (dataQuality.notCounted.length && out.length < ASKS_MAX) {
    out.push(
      `Ask for the workbook to be corrected: ${plural(dataQuality.notCounted.length, 'problem')} left answers out (see Data quality).`,
    );
  }
  return out.slice(0, ASKS_MAX);
}
