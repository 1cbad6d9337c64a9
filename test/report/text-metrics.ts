/**
 * How wide text is in Arial, for tests that check a word fits its column without a word break.
 * Advance widths (per 1000 units of the em) are those of Helvetica and Helvetica-Bold in Adobe's
 * Core 14 font metrics (AFM); Arial and Liberation Sans (what LibreOffice uses for Arial) share them.
 * A character outside the table counts as a full em, so an estimate is never too small.
 */

const REGULAR: Record<string, number> = widths(
  ' 278 ! 278 " 355 # 556 $ 556 % 889 & 667 \' 191 ( 333 ) 333 * 389 + 584 , 278 - 333 . 278 / 278 ' +
    ': 278 ; 278 < 584 = 584 > 584 ? 556 @ 1015 A 667 B 667 C 722 D 722 E 667 F 611 G 778 H 722 I 278 ' +
    'J 500 K 667 L 556 M 833 N 722 O 778 P 667 Q 778 R 722 S 667 T 611 U 722 V 667 W 944 X 667 Y 667 ' +
    'Z 611 [ 278 \\ 278 ] 278 ^ 469 _ 556 ` 333 a 556 b 556 c 500 d 556 e 556 f 278 g 556 h 556 i 222 ' +
    'j 222 k 500 l 222 m 833 n 556 o 556 p 556 q 556 r 333 s 500 t 278 u 556 v 500 w 722 x 500 y 500 ' +
    'z 500 { 334 | 260 } 334 ~ 584 ’ 222 ‘ 222 “ 333 ” 333 – 556 … 1000',
  556,
);

const BOLD: Record<string, number> = widths(
  ' 278 ! 333 " 474 # 556 $ 556 % 889 & 722 \' 238 ( 333 ) 333 * 389 + 584 , 278 - 333 . 278 / 278 ' +
    ': 333 ; 333 < 584 = 584 > 584 ? 611 @ 975 A 722 B 722 C 722 D 722 E 667 F 611 G 778 H 722 I 278 ' +
    'J 556 K 722 L 611 M 833 N 722 O 778 P 667 Q 778 R 722 S 667 T 611 U 722 V 667 W 944 X 667 Y 667 ' +
    'Z 611 [ 333 \\ 278 ] 333 ^ 584 _ 556 ` 333 a 556 b 611 c 556 d 611 e 556 f 333 g 611 h 611 i 278 ' +
    'j 278 k 556 l 278 m 889 n 611 o 611 p 611 q 611 r 389 s 556 t 333 u 611 v 556 w 778 x 556 y 556 ' +
    'z 500 { 389 | 280 } 389 ~ 584 ’ 278 ‘ 278 “ 500 ” 500 – 556 … 1000',
  556,
);

/** "A 667 B 667 …" → { A: 667, … }; the first entry is the space; digits take `digit`. */
function widths(spec: string, digit: number): Record<string, number> {
  const table: Record<string, number> = { ' ': Number(spec.trim().split(' ')[0]) };
  const rest = spec.trim().split(' ').slice(1);
  for (let i = 0; i + 1 < rest.length; i += 2) table[rest[i]!] = Number(rest[i + 1]);
  for (const d of '0123456789') table[d] = digit;
  return table;
}

/** Width of `text` in twips (1/20 pt) at `sizePt` points. */
export function textWidthTwips(text: string, sizePt: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) units += table[ch] ?? 1000;
  return (units / 1000) * sizePt * 20;
}
