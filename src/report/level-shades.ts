/**
 * The fills that stand for levels in the summary's heat map and in the charts that show how many
 * departments are at each level: one blue, steadily darker as the level rises, so the order still
 * reads in greyscale; text on each fill has a colour of its own with a contrast of 4.5:1 or more
 * (checked in test/report/summary-fair.test.ts). Colour is never alone: every cell and segment
 * carries its number. templates/summary/style.css holds the same fills for the heat map's cells.
 */

/** Fill and text colour of each shade, lightest (level 1) first. */
export const LEVEL_SHADES = [
  { fill: 'D2E2F1', text: '0B0C0C' },
  { fill: '8EB8DC', text: '0B0C0C' },
  { fill: '2B6CA3', text: 'FFFFFF' },
  { fill: '0B2E4F', text: 'FFFFFF' },
] as const;

/** The shade (0-based) of a level on a scale of `top` levels: the lowest gets the lightest, the top the darkest. */
export function shadeIndex(rank: number, top: number): number {
  const last = LEVEL_SHADES.length - 1;
  return top <= 1 ? last : Math.round(((rank - 1) * last) / (top - 1));
}

export const shadeOf = (rank: number, top: number) => LEVEL_SHADES[shadeIndex(rank, top)]!;
