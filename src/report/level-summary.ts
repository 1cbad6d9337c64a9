/**
 * What a level of the framework means, in one or two sentences, for an element's page of the brief.
 * Taken from the framework's own description of the level; worked out once per description.
 */

/** At most this many words in a level's summary when it takes two sentences. */
const LEVEL_SUMMARY_WORDS = 25;

/**
 * What a level means in one or two sentences: the framework's description without the sentence that
 * only introduces its list of characteristics ("The main characteristics of … are:").
 */
export function levelSummary(description: string): string {
  // Worked out once per description: every report of a round shows the same framework's levels.
  let summary = levelSummaries.get(description);
  if (summary === undefined) {
    if (levelSummaries.size >= 1000) levelSummaries.clear();
    levelSummaries.set(description, (summary = summaryOf(description)));
  }
  return summary;
}
const levelSummaries = new Map<string, string>();

function summaryOf(description: string): string {
  const sentences = description
    .replace(/\s+/g, ' ')
    .trim()
    // A sentence ends at . ! or ? before a space and a capital. No lookbehind: the add-in bundles this
    // module and Safari before 16.4 cannot parse one. The text has no newline after the replace above.
    .replace(/([.!?]) (?=[A-Z])/g, '$1\n')
    .split('\n')
    .filter((x) => !x.trim().endsWith(':'));
  const words = (s: string) => s.split(' ').length;
  // The second sentence only while the two stay short (a page per element).
  return sentences.length > 1 && words(sentences[0]!) + words(sentences[1]!) <= LEVEL_SUMMARY_WORDS
    ? `${sentences[0]} ${sentences[1]}`
    : (sentences[0] ?? '');
}
