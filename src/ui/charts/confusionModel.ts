/**
 * The confusion matrix's table, free of the DOM: from C×C test-set counts (row = true class, column =
 * predicted) each cell's count and share of its row (what shades it), each row's recall (its diagonal over
 * its total; null for a class the test set lacks) and the overall accuracy.
 */

export interface ConfusionCell {
  count: number;
  /** count / row total, 0 for an empty row. */
  share: number;
  diagonal: boolean;
}

export interface ConfusionRow {
  cells: ConfusionCell[];
  total: number;
  recall: number | null;
}

export interface ConfusionTable {
  classes: number;
  rows: ConfusionRow[];
  total: number;
  accuracy: number | null;
}

/** The table of a C×C count matrix (C from the length; a length that is not a square gives null). */
export function confusionTable(counts: ArrayLike<number>): ConfusionTable | null {
  const classes = Math.round(Math.sqrt(counts.length));
  if (classes < 1 || classes * classes !== counts.length) return null;
  let total = 0;
  let right = 0;
  const rows: ConfusionRow[] = [];
  for (let r = 0; r < classes; r++) {
    let rowTotal = 0;
    for (let c = 0; c < classes; c++) rowTotal += counts[r * classes + c];
    const cells = Array.from({ length: classes }, (_, c): ConfusionCell => {
      const count = counts[r * classes + c];
      return { count, share: rowTotal > 0 ? count / rowTotal : 0, diagonal: r === c };
    });
    const hits = counts[r * classes + r];
    rows.push({ cells, total: rowTotal, recall: rowTotal > 0 ? hits / rowTotal : null });
    total += rowTotal;
    right += hits;
  }
  return { classes, rows, total, accuracy: total > 0 ? right / total : null };
}

/** "97.3 %", or "—" when there is nothing to divide. */
export function formatShare(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(1)} %`;
}

export const RIGHT = '0, 114, 178';
export const WRONG = '213, 94, 0';
/**
 * The shade's opacity runs from a floor (a single mistake still shows) to a ceiling at which the theme's ink
 * keeps 4.5:1 on it over either theme's panel (0.77 is the limit: blue on white, vermillion on the dark panel).
 * White text is no way out: vermillion never reaches 4.5:1 under it.
 */
export const SHADE_FLOOR = 0.12;
export const SHADE_CEILING = 0.74;

/** A cell's shade (blue on the diagonal, vermillion off it); the text keeps the theme's ink. */
export function cellStyle(cell: ConfusionCell): { background?: string; color?: string } {
  // An empty cell's 0 recedes but stays readable: the theme's muted ink (7:1 on its panel).
  if (cell.count === 0) return { color: 'var(--muted)' };
  const alpha = SHADE_FLOOR + (SHADE_CEILING - SHADE_FLOOR) * cell.share;
  return { background: `rgba(${cell.diagonal ? RIGHT : WRONG}, ${alpha.toFixed(3)})` };
}
