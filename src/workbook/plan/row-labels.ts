/**
 * What each row of the workbook shows beside its hidden ID: the short reference ("2.03", "Q1a",
 * "J1") and the text (characteristic, question, prompt or field label). The plan writes them; the
 * reader compares them with the row's visible cells, so that an answer that moved away from its
 * ID (a sort of the visible columns, a cut and paste) is noticed rather than read under the wrong id.
 */
import type { Framework } from '../../framework/index.js';
import { FIELDS, SpecialId } from '../contract.js';

/** What a row shows: `ref` is '' for tables without a Ref column (the About you fields). */
export interface RowLabel {
  ref: string;
  text: string;
}

/** The reference of the `index`-th (0-based) characteristic of level `rank`: "2.03". */
export const characteristicRef = (rank: number, index: number): string =>
  `${rank}.${String(index + 1).padStart(2, '0')}`;

/** The reference of a question ("Q1") or sub-question ("Q1a"). */
export const questionRef = (label: string, subLabel = ''): string => `Q${label}${subLabel}`;

/** The two rows of the own-judgement table. */
export const JUDGEMENT_ROW: RowLabel = {
  ref: 'J1',
  text: 'Which level best describes your organisation today, in your own judgement?',
};
export const RATIONALE_ROW: RowLabel = {
  ref: 'J2',
  text: 'Why? What would it take to reach the next level?',
};

/** Every labelled row of a workbook of `framework`, by id. */
export function rowLabels(framework: Framework): Map<string, RowLabel> {
  const labels = new Map<string, RowLabel>();
  for (const f of FIELDS) labels.set(SpecialId.field(f.name), { ref: '', text: f.label });
  for (const element of framework.elements) {
    for (const level of element.levels)
      level.characteristics.forEach((c, i) =>
        labels.set(c.id, { ref: characteristicRef(level.rank, i), text: c.text }),
      );
    for (const q of element.questions) {
      labels.set(q.id, { ref: questionRef(q.label), text: q.text });
      for (const s of q.subQuestions) labels.set(s.id, { ref: questionRef(q.label, s.label), text: s.text });
    }
    labels.set(SpecialId.judgement(element.id), JUDGEMENT_ROW);
    labels.set(SpecialId.rationale(element.id), RATIONALE_ROW);
  }
  return labels;
}
