/**
 * The report view model: everything a report template can show, as plain JSON-serialisable data.
 *
 * It is the contract between the report pipeline and templates (documented field by field in
 * docs/templates.md, printed by `dmf report FILE --data`). Templates run in Handlebars strict
 * mode, so every field is always present: "no value" is `null` or an empty list, never a missing
 * key. Every string in it has been cleaned with `cleanText` (control characters gone, lone
 * surrogates replaced), but is otherwise exactly what the workbook said: templates must print
 * workbook text with `{{…}}` (escaped), never `{{{…}}}`.
 */
import type { ConsolidationSummary } from '../moderation/summary.js';

import type { Actor, Polarity } from '../framework/reading.js';
import type { PeerComparison } from './peers.js';

/**
 * Bumped when the shape changes, so a user's template can say what it was written for.
 * 2: fields added for the brief and honest results (ranges, graded confidence, what a level rests on,
 * ranked next steps, answers not counted); nothing of version 1 was renamed or removed.
 * 3: the advice (src/advice): strengths and weaknesses, who acts (`moveAwayFrom`, `centreSteps`,
 * `polarity`, `actor` on each characteristic), completing the return first, the respondents on page 1;
 * nothing of version 2 was renamed or removed, and the steps (`nextSteps.items`, `topPriorities[].step`)
 * keep their meaning: things to put in place, now strengths only.
 */
export const VIEW_MODEL_VERSION = 3;

/** A link target inside the document, e.g. "element-ucd"; use as `href="#{{anchor}}"` and `id="{{anchor}}"`. */
export type Anchor = string;

export interface ReportViewModel {
  version: typeof VIEW_MODEL_VERSION;
  /** Word document properties (File > Info): title, subject and author. */
  document: DocumentProperties;
  /** The protective marking printed in every header and footer, e.g. "OFFICIAL-SENSITIVE"; '' for none. */
  marking: string;
  cover: Cover;
  /** The maturity scale, lowest level first. */
  scale: ScaleLevel[];
  summary: Summary;
  /** One section per framework element, in framework order. */
  elements: ElementSection[];
  dataQuality: DataQuality;
  annex: Annex;
  /** The round compared against (`--previous`); null when there is none. */
  previousRound: RoundInfo | null;
  /** "How you compare": this department among the batch's departments (src/report/peers.ts); null alone or with fewer than 5. */
  peers: PeerComparison | null;
  /**
   * Several respondents consolidated into this report (`dmf batch`): who, how far they agreed, the
   * rule, and every disagreement. null: one respondent.
   */
  consolidation: ConsolidationSummary | null;
  /**
   * The brief's short view of `consolidation` (src/report/disagreements-brief.ts): counts per
   * element and the first few disagreements, those at the levels a result rests on first. null: one
   * respondent.
   */
  consolidationBrief: ConsolidationBrief | null;
}

export interface DocumentProperties {
  title: string;
  subject: string;
  author: string;
}

export interface Cover {
  /** e.g. "Digital maturity assessment". */
  title: string;
  /** The department or organisation assessed; null when the workbook does not say. */
  department: string | null;
  /** e.g. "Self-assessment against the Digital Maturity Framework MVP (February 2022)". */
  subtitle: string;
  /** Date of the assessment as the workbook gives it (ISO dates shown as "12 March 2025"), else the report date. */
  date: string;
  respondent: string | null;
  role: string | null;
  contact: string | null;
  /** Same as the top-level `marking`. */
  marking: string;
  /** The file the answers came from (base name), or null. */
  source: string | null;
  /** When the report was made, e.g. "27 November 2026". */
  generatedOn: string;
  /** The date the workbook gives for its answers ("12 March 2025"), or null when it gives none (unlike `date`, never the report date). */
  assessmentDate: string | null;
  /** `department` for the brief's page 1: at most 80 characters (src/report/brief-caps.ts), "…" when shortened. */
  departmentBrief: string | null;
  /** `respondent` for the brief's page 1: "six respondents, named in the annex" when several were consolidated, else at most 80 characters. */
  respondentBrief: string | null;
  /** `role` for the brief's page 1: at most 60 characters; null when several respondents were consolidated. */
  roleBrief: string | null;
}

export interface ScaleLevel {
  rank: number;
  name: string;
}

export interface ElementRef {
  id: string;
  anchor: Anchor;
  title: string;
  shortTitle: string;
}

/** How an element's level moved since the previous round. */
export type ChangeDirection = 'up' | 'down' | 'same' | 'new' | 'lost' | 'none';

export interface Change {
  direction: ChangeDirection;
  previousLevel: number | null;
  /** e.g. "Level 2" or "Not assessed". */
  previousLevelText: string;
  /** Current level minus previous level; null unless both rounds have a level. */
  delta: number | null;
  /** e.g. "Up 1 level", "No change", "Newly assessed". */
  text: string;
}

export interface ProfileRow extends ElementRef {
  assessed: boolean;
  level: number | null;
  levelName: string | null;
  /** e.g. "Level 2: Technology driven / reactive", or "Not assessed". */
  levelText: string;
  /** Share of characteristics answered, 0–1. */
  coverage: number;
  /** e.g. "86%". */
  coverageText: string;
  confidence: 'high' | 'low';
  /** "High" or "Low". */
  confidenceText: string;
  ownLevel: number | null;
  /** e.g. "Level 3", or "Not given". */
  ownLevelText: string;
  /** Null when there is no previous round. */
  change: Change | null;
  /** Confidence graded from coverage, evidence, margin and contradictions: "high", "medium" or "low". */
  grade: ConfidenceGrade;
  /** "High", "Medium" or "Low". */
  gradeText: string;
  /** The levels the element could have if its unanswered items were answered (both null when not assessed). */
  range: LevelRange;
  /** e.g. "1–3", or "" when the level is firm or not assessed. */
  rangeText: string;
  /** True when a single rating moved one step would change the level. */
  borderline: boolean;
}

/** How sure a result is, graded from documented parameters (docs/scoring.md). */
export type ConfidenceGrade = 'high' | 'medium' | 'low';

export interface LevelRange {
  low: number | null;
  high: number | null;
  /** True when the element is assessed and no unanswered item could move its level. */
  firm: boolean;
  /** e.g. "Could be level 1 to 3 if the unanswered items were answered.", "Firm: …", or "Not assessed." */
  text: string;
}

/** The elements at one end of the profile (several when they share a level). */
export interface ProfileEnd {
  level: number;
  levelName: string;
  elements: ElementRef[];
}

export interface JudgementDifference extends ElementRef {
  computedLevel: number;
  computedLevelName: string;
  ownLevel: number;
  ownLevelName: string;
  /** Own level minus computed level (never 0). */
  differsBy: number;
  direction: 'higher' | 'lower';
  /** e.g. "The respondent judged level 3, one level higher than the evidence supports (level 2)." */
  text: string;
  /** The respondent's reasons, or null. */
  rationale: string | null;
}

export interface Completeness {
  answered: number;
  total: number;
  /** 0–1. */
  share: number;
  shareText: string;
  assessedCount: number;
  elementCount: number;
  notAssessed: ElementRef[];
  lowConfidence: ElementRef[];
  /** One or two plain sentences, e.g. "612 of 700 characteristics (87%) were answered. …". */
  text: string;
}

export interface Summary {
  /** One paragraph: the headline result. */
  headline: string;
  profile: ProfileRow[];
  /** Caption and alt text of the profile chart (drawn from `profile` by the renderer). */
  chart: { title: string; altText: string };
  /** Null when no element is assessed. */
  strongest: ProfileEnd | null;
  weakest: ProfileEnd | null;
  /** True when every assessed element has the same level (strongest and weakest are then the same). */
  allSameLevel: boolean;
  judgements: {
    /** How many elements have the respondent's own judgement of their level. */
    given: number;
    differences: JudgementDifference[];
    text: string;
  };
  completeness: Completeness;
  /** Null when there is no previous round. */
  change: { text: string; up: number; down: number; same: number } | null;
  /** Where to act first: the weakest elements' first next steps, ranked (empty when nothing is assessed). */
  priorities: Priority[];
  /** The bottom line in one sentence, e.g. "Mostly level 1 (Non-digital / non-responsive): 6 of the 7 elements, none above level 2." */
  verdict: string;
  /** How firm the picture is, in one sentence (coverage, levels that could move, confidence grades). */
  firmness: Firmness;
  /** The brief's three priorities: one ranked step from each of up to three elements (rule: src/report/next-steps.ts). */
  topPriorities: TopPriority[];
  /** What the reader is asked to do, one sentence each (at most five): completing the return first when `completeFirst`, the department's own actions before those that need the centre. */
  asks: string[];
  /**
   * Steps that need the centre of government (the reading's actor "centre"): the first of up to two
   * elements, chosen as the priorities are. The brief names them as such ("Needs the centre of
   * government: …"), never as the department's priorities. Empty without a reading.
   */
  centreSteps: TopPriority[];
  /** Every weakness that describes the department (rated Largely or Fully, at or below its element's level), the department's own first, then the most fully. Empty without a reading. */
  moveAwayFrom: MoveAwayItem[];
  /** When fewer than half the characteristics that decide the levels are answered: the ask to complete the return (also `asks[0]`); null otherwise. */
  completeFirst: string | null;
  /** Every element's level with the range it could take, in one sentence (the brief's page 1 shows it when `completeFirst`). */
  rangesText: string;
  /** Several respondents: how many formed the result, how far they agreed, and what settled the rest ("Two respondents formed this result. They agreed on 92% of the characteristics both rated (208 of 227); no moderation has settled the other 19, which take the middle rating given."); null for one respondent. */
  respondentsText: string | null;
}

/** A weakness that describes the department, with its element. */
export interface MoveAwayItem extends ElementRef {
  item: CharacteristicRow;
}

export interface Firmness {
  /** Assessed elements whose level no unanswered item could move. */
  firm: number;
  /** Assessed elements whose level could move if the unanswered items were answered. */
  couldMove: number;
  /** The largest move possible, in levels (0 when every level is firm). */
  maxMove: number;
  grades: { high: number; medium: number; low: number };
  text: string;
}

export interface TopPriority extends ElementRef {
  level: number;
  towardsLevel: number;
  towardsName: string;
  /**
   * The level the step belongs to: `towardsLevel`, or a higher level when the next one holds no
   * strength to put in place (its characteristics all describe problems). The brief then calls the
   * step "a level-3 step" instead of "towards level 2", which would misstate where it comes from.
   */
  stepsLevel: number;
  /** A ranked next step of the element (always a strength): the first the department can act on (`summary.topPriorities`), or the first that needs the centre (`summary.centreSteps`). */
  step: CharacteristicRow;
  /** How many more ranked steps the element page lists. */
  moreSteps: number;
  /** e.g. "User centered design, from level 2 to level 3". */
  text: string;
}

export interface Priority extends ElementRef {
  level: number;
  towardsLevel: number;
  towardsName: string;
  /** How many characteristics of the next level are not yet in place. */
  gapCount: number;
  /** The first few of them (the element's section lists all). */
  firstSteps: string[];
}

export interface CharacteristicRow {
  id: string;
  levelRank: number;
  levelName: string;
  text: string;
  /**
   * The short form for compact tables and the brief: the reading's label (a complete clause of at
   * most 70 characters, no ellipsis) when the framework has a reading; else the text cut at a word
   * boundary to at most 60 characters ("…" when cut).
   */
  shortText: string;
  /** `shortText` for the brief's lists of priorities and next steps: whole up to 45 ems wide, else cut to 30 with "…" (src/report/brief-caps.ts); the same as `shortText` for the built-in reading. */
  shortTextBrief: string;
  /** The rating label as answered, or null when unanswered. */
  rating: string | null;
  /** The rating, or "Not answered". */
  ratingText: string;
  evidence: string | null;
  /** True for characteristics printed as a sub-point of another in the framework. */
  isSubPoint: boolean;
  /** Rated at or above the threshold (largely or fully in place), as the engine counts it. */
  inPlace: boolean;
  /** False when there is no rating or the rating is "Don't know": nobody has said whether it is in place. */
  assessed: boolean;
  /** True when a single step of this rating could change the element's level (it decides a borderline result). */
  decidesBorderline: boolean;
  /** The tool's reading: "strength" (to put in place) or "weakness" (to move away from); null when the framework has no reading. */
  polarity: Polarity | null;
  /** Who can act: "department", "centre" or "both"; null when the framework has no reading. */
  actor: Actor | null;
  /** A weakness rated Largely or Fully: it describes the department (reports say "describes us", never "in place"). */
  describesUs: boolean;
  /** "needs the centre of government" when only the centre can act on it, else ''. */
  actorText: string;
}

export interface LevelFitRow {
  rank: number;
  name: string;
  /** e.g. "67%", or "No answers". */
  fitText: string;
  inPlace: number;
  total: number;
  answered: number;
  notApplicable: number;
  /** True for the computed level. */
  isResult: boolean;
  /** Answered with a rating that counts (not "Not applicable"). */
  rated: number;
  /** Plain English, e.g. "3 of the 4 level-3 characteristics rated are largely or fully in place". */
  plainText: string;
}

/** One level of what a result rests on: the result level or the next one, every characteristic with its rating. */
export interface RestsOnLevel {
  rank: number;
  name: string;
  /** "result" for the level reached, "next" for the one above it. */
  role: 'result' | 'next';
  /** e.g. "Level 3 (the level reached): 3 of the 4 characteristics rated are largely or fully in place; 2 are not answered." */
  text: string;
  /** Every characteristic of the level, in framework order, with its rating ("Not answered" included). */
  items: CharacteristicRow[];
  /** How the level's characteristics were rated: every one is in exactly one count. */
  counts: { inPlace: number; notInPlace: number; notApplicable: number; notAssessed: number; total: number };
  /** The characteristics rated below "in place" (Partly, Not at all); "Not applicable" left out. */
  notInPlace: CharacteristicRow[];
  /** The characteristics with no rating or "Don't know". */
  notAssessed: CharacteristicRow[];
  /** `notInPlace` as one run-on sentence of short texts with their ratings, e.g. "there is a focus on… (Partly); …"; with a reading, strengths only (a weakness rated low is not missing). */
  notInPlaceText: string;
  /** `notAssessed` as one run-on sentence of short texts. */
  notAssessedText: string;
  /** Every characteristic of the level as a row of a compact table (the full record's), in framework order. */
  rows: RestsOnRow[];
}

/** One row of the compact table of what a level rests on: a characteristic, its rating and why it matters. */
export interface RestsOnRow {
  id: string;
  /** The characteristic's `shortText` (at most 60 characters). */
  shortText: string;
  /** The rating, "Don't know" or "Not answered". */
  ratingText: string;
  /** Its rank among the element's ranked next steps (`nextSteps.ranked`, from 1), or null when it is not a step. */
  step: number | null;
  decidesBorderline: boolean;
  /** The rating cell: the rating, then "describes us" (a weakness rated Largely or Fully), "step 1" (with "needs the centre of government" when so) or "decides the level" when they apply, e.g. "Partly; step 1". */
  ratingCell: string;
}

export interface NextSteps {
  towardsLevel: number;
  towardsName: string;
  inPlace: number;
  applicable: number;
  /** e.g. "2 of 7 characteristics (29%) are already in place."; with a reading, told in strengths: "2 of the 5 strengths of level 3 are already in place." */
  progressText: string;
  /**
   * The level the steps come from: `towardsLevel`, or, when the next level holds no strength still
   * to put in place, the first level above it that does.
   */
  stepsLevel: number;
  /** Says where the steps come from when `stepsLevel` is not `towardsLevel`; '' otherwise. */
  stepsLevelText: string;
  /** The strengths of `stepsLevel` not yet in place (framework order); every characteristic when the framework has no reading. Never a weakness. */
  items: CharacteristicRow[];
  /** The rated ones among `items`, ranked (rule: src/report/next-steps.ts): Partly before Not at all. */
  ranked: CharacteristicRow[];
  /** The first few of `ranked` (three), for the element page. */
  top: CharacteristicRow[];
  /** The brief's element page: `top`, fewer when their short texts are very wide (src/report/brief-caps.ts, at least one when `top` has one). */
  topBrief: CharacteristicRow[];
  /** Those among `items` with no rating or "Don't know": not yet assessed, never a step. */
  notYetAssessed: CharacteristicRow[];
  /** `notYetAssessed` as one run-on sentence of short texts. */
  notYetAssessedText: string;
}

export interface ResponseRow {
  id: string;
  label: string;
  text: string;
  response: string | null;
}

export interface QuestionRow extends ResponseRow {
  subQuestions: ResponseRow[];
  /** True when the question or any of its sub-questions has a response. */
  hasResponse: boolean;
}

export interface DiagnosticRow {
  severity: 'error' | 'warning' | 'info';
  /** "Error", "Warning" or "Note". */
  severityText: string;
  code: string;
  /** The reader's message, as it wrote it. */
  message: string;
  /** The message without a leading 'Sheet "…", cell …:' (shown in the Where column instead). */
  problem: string;
  fix: string | null;
  sheet: string | null;
  cell: string | null;
  /** e.g. "User centered design!B12", "Sheet Data", or "Whole workbook". */
  location: string;
  elementId: string | null;
  itemId: string | null;
  /** What it left out of the answers (src/report/data-quality.ts notCountedEffect), or null when nothing. */
  notCounted: string | null;
}

export interface ElementSection extends ElementRef {
  /** 1-based position in the framework. */
  number: number;
  /** The framework's introduction to the element, one string per paragraph. */
  introduction: string[];
  assessed: boolean;
  level: number | null;
  levelName: string | null;
  /** The element's own label for the level, e.g. "active leadership"; null when the framework has none. */
  levelLabel: string | null;
  levelText: string;
  /** What the computed level means (the framework's description); null when not assessed. */
  levelDescription: string | null;
  /** Why this level, with this element's numbers (from the engine's trace). */
  explanation: string;
  coverage: number;
  coverageText: string;
  answered: number;
  total: number;
  /**
   * `rating` and `text` ("High"/"Low") as in version 1; `grade` ("high"/"medium"/"low") and
   * `gradeText` graded on coverage, evidence, margin and contradictions; `reasons` in plain English.
   */
  confidence: {
    rating: 'high' | 'low';
    text: string;
    reasons: string[];
    grade: ConfidenceGrade;
    gradeText: string;
  };
  /** The first one or two sentences of `levelDescription`, without a sentence that only introduces a list; null when not assessed. */
  levelSummary: string | null;
  range: LevelRange;
  /** True when a single rating moved one step would change the level. */
  borderline: boolean;
  /** The characteristics that decide a borderline result. */
  borderlineItems: CharacteristicRow[];
  /** e.g. "One rating moved by one step would change the level: …", or '' when not borderline. */
  borderlineText: string;
  /**
   * For the brief, after the confidence reasons (which say the result is borderline): "The ratings
   * that decide it: …", short texts with their level and rating, three named at most (the rest counted).
   */
  borderlineBriefText: string;
  /** Share of "in place" ratings (Largely or Fully) backed by evidence text. */
  evidence: { inPlace: number; withEvidence: number; share: number | null; text: string };
  /** What the level rests on: the result level and the next one, every characteristic with its rating. */
  restsOn: RestsOnLevel[];
  /** How many of the framework's questions were answered, and which were not, in one line. */
  questionsAnswered: { answered: number; total: number; unanswered: string[]; text: string };
  fits: LevelFitRow[];
  /** Characteristics of the computed level that are in place (rated at or above the threshold); with a reading, strengths only. */
  inPlace: CharacteristicRow[];
  /** Null at the top level or when not assessed. */
  nextSteps: NextSteps | null;
  /** The weaknesses at or below the element's level that describe the department (rated Largely or Fully): "Fully" first. Empty without a reading. */
  moveAwayFrom: CharacteristicRow[];
  /** `moveAwayFrom` as one run-on sentence, the first named with its rating ("… (describes us largely); and 7 more, listed in the full record."); '' when none. */
  moveAwayFromText: string;
  /** Characteristics with evidence that `inPlace` and `nextSteps` do not show, so no evidence goes unseen. */
  otherEvidence: CharacteristicRow[];
  questions: QuestionRow[];
  ownJudgement: {
    given: boolean;
    level: number | null;
    levelName: string | null;
    rationale: string | null;
    /** Own level minus computed level; null unless both exist. */
    differsBy: number | null;
    text: string;
    /** True when the respondent's own level differs from the computed one. */
    differs: boolean;
    /** `rationale` for the brief: at most 120 characters, "…" when shortened (the full record quotes it whole). */
    rationaleBrief: string | null;
    /** True when `rationaleBrief` is shortened: the brief then says the full record has the whole reason. */
    rationaleShortened: boolean;
  };
  change: Change | null;
  /** The data-quality problems that concern this element. */
  problems: DiagnosticRow[];
  /**
   * Whether those problems left answers out, in the words of the data-quality annex ("None of them
   * left an answer out." / "2 of them left an answer out: …"); null when there are none.
   */
  problemsEffect: string | null;
  /** The first 3 of `problems` for the brief, their location and problem shortened (src/report/brief-caps.ts). */
  problemsBrief: DiagnosticRow[];
  /** How many of `problems` the brief does not list: "5 more are listed in the full record."; '' when none. */
  problemsMoreText: string;
}

export interface DataQuality {
  hasProblems: boolean;
  errorCount: number;
  warningCount: number;
  infoCount: number;
  text: string;
  /** Every diagnostic of the workbook: errors first, then warnings, then notes, in reading order. */
  problems: DiagnosticRow[];
  /** The answers the problems took out (not counted), each with what it changed. */
  notCounted: NotCountedRow[];
  /** True when a minister's copy should have the section: an answer not counted, or an error or warning other than unanswered items. */
  worthReporting: boolean;
  /** The first 3 of `notCounted` for the brief, each `what` the characteristic's short form and its location shortened. */
  notCountedBrief: NotCountedRow[];
  /** How many of `notCounted` the brief does not list: "21 more are listed in the full record."; '' when none. */
  notCountedMoreText: string;
}

export interface NotCountedRow {
  /** e.g. "User centered design, cell D14". */
  location: string;
  itemId: string | null;
  /** The characteristic's text, else the element's title, else the problem. */
  what: string;
  /** What it changed, e.g. "Not counted: the characteristic counts as unanswered." */
  effect: string;
  /** The reader's message without its location. */
  problem: string;
}

export interface RatingRow {
  label: string;
  meaning: string;
  /** e.g. "2/3", or "Not counted", "Left out". */
  valueText: string;
}

export interface Annex {
  /** How levels are computed, one paragraph per entry (generated from the scoring parameters). */
  rule: string[];
  ratings: RatingRow[];
  framework: {
    id: string;
    version: string;
    title: string;
    publisher: string;
    published: string;
    licence: string;
    source: string | null;
  };
  /** The attribution statement the licence asks for. */
  attribution: string;
  /** Address of the licence text, when known. */
  licenceUrl: string | null;
  /** Says plainly that the scoring rule is this tool's method applied to the framework, not part of it. */
  methodNote: string;
  /** How next steps and priorities are ranked, one paragraph each. */
  rankingRule: string[];
  /** How confidence is graded, one paragraph each (from the engine's parameters). */
  confidenceRule: string[];
  /** The first paragraphs of `rule` (three), for the brief's method annex; the full record has them all. */
  ruleBrief: string[];
}

export interface RoundInfo {
  date: string;
  department: string | null;
  source: string | null;
  /** The comparison is not with this department's own previous round (`dmf report --force`), said so; else null. */
  warning: string | null;
  /** `warning` for the brief's page 1: itself up to 100 characters, else a short sentence that the full record names the other round (src/report/brief-caps.ts). */
  warningBrief: string | null;
}

/** Where the respondents disagreed, short enough for the brief: `consolidation.disagreements` lists every one. */
export interface ConsolidationBrief {
  /** How many characteristics they disagreed on (`consolidation.disagreements.length`). */
  total: number;
  /** How many of them are at a level an element's result rests on (the levels of `elements[].restsOn`). */
  atRestsOnLevel: number;
  /** Every element, in framework order: its counts add up to `total` and `atRestsOnLevel`. */
  byElement: ElementDisagreements[];
  /** At most 3 (`BRIEF_DISAGREEMENTS_MAX`; 5 before issue 24): those at a level a result rests on first, then in framework order. */
  shown: BriefDisagreement[];
  /** How many are not in `shown` (`total` minus `shown.length`). */
  notShown: number;
  /** e.g. "The respondents disagreed on 19 characteristics: 11 at the levels a result rests on." */
  text: string;
  /** The caption of the list: which disagreements `shown` holds and in what order, e.g. "The first 8 of the 19 disagreements, all at a level the result rests on"; '' when there are none. */
  caption: string;
  /**
   * What the brief lists and where the rest is: "This annex lists the first 5; the full record of this assessment (…)
   * lists all 19, with every respondent’s rating and evidence."; when every disagreement is listed (or there is
   * none), that the full record keeps every respondent's evidence.
   */
  fullRecordText: string;
  /** The respondents for the brief's annex (at most 6 named): label and file shortened, and a short label for a column heading. */
  respondents: BriefRespondent[];
  /** How many respondents the annex does not name: "2 more are listed in the full record."; '' when none. */
  respondentsMoreText: string;
}

/** A respondent as the brief's annex names them (src/report/brief-caps.ts). */
export interface BriefRespondent {
  /** Name and role, at most 70 characters. */
  label: string;
  /** Name and role as a column heading, at most 44 characters. */
  heading: string;
  /** The workbook's file name, at most 40 characters. */
  file: string;
}

export interface ElementDisagreements extends ElementRef {
  /** The levels its result rests on (as `restsOn`), e.g. [2, 3]; empty when not assessed. */
  restsOnLevels: number[];
  /** e.g. "levels 2 and 3", "level 4"; '' when not assessed. */
  restsOnLevelsText: string;
  /** Characteristics of this element the respondents disagreed on. */
  count: number;
  /** Of those, how many are at the levels its result rests on. */
  atRestsOnLevel: number;
}

export interface BriefDisagreement {
  elementId: string;
  /** The element's title, as the framework titles it. */
  element: string;
  shortTitle: string;
  anchor: Anchor;
  characteristicId: string;
  level: number;
  /** The characteristic's short form, as `CharacteristicRow.shortText` (the reading's label when there is one). */
  shortText: string;
  /** Each respondent's rating ("Not rated" when blank), in the order of `consolidation.respondents`. */
  ratings: string[];
  /** The same in one line: "Don't know; Fully". */
  ratingsText: string;
  /** The rating the report used (the consolidation rule), or "None". */
  used: string;
  /** True when the characteristic is at a level the element's result rests on. */
  atRestsOnLevel: boolean;
}
