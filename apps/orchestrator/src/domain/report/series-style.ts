/** Ten colours: the accuracy chart draws all problems and one line per level of the embedded benchmark (eight), each distinct. */
export const PALETTE = ['#2f6fb5', '#e07b24', '#3a9d48', '#c8383b', '#8a62b8', '#8c564b', '#d16ba5', '#6f7a86', '#b5a82f', '#1a9e9e'];
/** Line patterns, one per pass over the palette: solid first, so up to ten series look as they always did. */
const DASHES = [undefined, '7 4', '2 3', '9 3 2 3'];
// Successive hues a golden angle apart never coincide and stay far from the last few.
const GOLDEN_ANGLE = 137.508;

/** How one series is drawn: its colour, and for lines its dash pattern (undefined: solid). */
export interface SeriesStyle {
  colour: string;
  dash?: string;
}

/**
 * The style of series `index` (0-based), distinct for any number of series (runs in a comparison):
 * the palette's ten colours, then hues a golden angle apart; each pass over ten series also takes the
 * next dash pattern, so neighbouring hues of different passes still differ by their lines.
 */
export function seriesStyle(index: number): SeriesStyle {
  const lap = Math.floor(index / PALETTE.length);
  const colour = index < PALETTE.length ? PALETTE[index] : `hsl(${((index * GOLDEN_ANGLE) % 360).toFixed(1)},60%,${[40, 55, 30][lap % 3]}%)`;
  return { colour, dash: DASHES[lap % DASHES.length] };
}
