/**
 * INTERIM, removed when branch `engine` is merged: the fields the engine adds to every
 * ElementResult (range, borderline, evidence, graded confidence), read from the result when
 * present. Without them (engine not merged yet), placeholders that claim nothing: a range of the
 * level itself, not borderline, grade from today's rating.
 */
import type { ElementResult } from '../scoring/index.js';

export interface HonestFields {
  range: { low: number | null; high: number | null };
  borderline: boolean;
  borderlineItems: string[];
  evidence: { inPlace: number; withEvidence: number; share: number | null };
  confidence: ElementResult['confidence'] & { grade: 'high' | 'medium' | 'low'; reasons: string[] };
}

export function honest(e: ElementResult): HonestFields {
  const h = e as unknown as Partial<HonestFields>;
  if (h.range && h.evidence && h.borderlineItems && h.confidence && 'grade' in h.confidence) {
    return h as HonestFields;
  }
  return {
    range: { low: e.level, high: e.level },
    borderline: false,
    borderlineItems: [],
    evidence: { inPlace: 0, withEvidence: 0, share: null },
    confidence: {
      ...e.confidence,
      grade: e.confidence.rating,
      reasons: e.confidence.reasons.length ? e.confidence.reasons : ['(engine not merged yet)'],
    },
  };
}

/** How confidence is graded, in plain English: from the engine once merged. */
export function describeConfidence(_framework: unknown): string[] {
  return [];
}
