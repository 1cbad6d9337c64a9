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

/** Bumped when a field is renamed or removed, so a user's template can say what it was written for. */
export const VIEW_MODEL_VERSION = 1;

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
  /**
   * Several respondents consolidated into this report (`dmf batch`): who, how far they agreed, the
   * rule, and every disagreement. null: one respondent.
   */
  consolidation: ConsolidationSummary | null;
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
  /** Where to act first: the weakest elements' first next steps (empty when nothing is assessed). */
  priorities: Priority[];
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
  /** The rating label as answered, or null when unanswered. */
  rating: string | null;
  /** The rating, or "Not answered". */
  ratingText: string;
  evidence: string | null;
  /** True for characteristics printed as a sub-point of another in the framework. */
  isSubPoint: boolean;
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
}

export interface NextSteps {
  towardsLevel: number;
  towardsName: string;
  inPlace: number;
  applicable: number;
  /** e.g. "2 of 7 characteristics (29%) are already in place." */
  progressText: string;
  /** The characteristics of the next level that are not yet in place. */
  items: CharacteristicRow[];
}

export interface ResponseRow {
  id: string;
  label: string;
  text: string;
  response: string | null;
}

export interface QuestionRow extends ResponseRow {
  subQuestions: ResponseRow[];
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
  confidence: { rating: 'high' | 'low'; text: string; reasons: string[] };
  fits: LevelFitRow[];
  /** Characteristics of the computed level that are in place (rated at or above the threshold). */
  inPlace: CharacteristicRow[];
  /** Null at the top level or when not assessed. */
  nextSteps: NextSteps | null;
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
  };
  change: Change | null;
  /** The data-quality problems that concern this element. */
  problems: DiagnosticRow[];
}

export interface DataQuality {
  hasProblems: boolean;
  errorCount: number;
  warningCount: number;
  infoCount: number;
  text: string;
  /** Every diagnostic of the workbook: errors first, then warnings, then notes, in reading order. */
  problems: DiagnosticRow[];
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
}

export interface RoundInfo {
  date: string;
  department: string | null;
  source: string | null;
}
