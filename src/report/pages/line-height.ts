/**
 * The tallest a line of text can be at a font size: Arial's tallest metrics (LATIN_LINE_EM), or a
 * CJK fallback font's (CJK_LINE_EM) for a line with Chinese, Japanese or Korean text.
 */
import { CJK_LINE_EM, LATIN_LINE_EM } from './text-width.js';

/** Twips, for a size in half-points. */
export function lineHeightOf(halfPoints: number, cjk: boolean): number {
  return (halfPoints / 2) * 20 * (cjk ? CJK_LINE_EM : LATIN_LINE_EM);
}
