/**
 * A 1920×1080 "slide" of the experiment as it stands, for a talk: a title line (what is compared; the step when
 * every run is at the same one), the picture of the selected run at the left under a caption naming whose it is
 * (the decision boundary, or the test images with their predictions or reconstructions, one row per run when the
 * gallery compares runs), under it the lines' key (train solid, test dashed) and each run's losses at its own
 * step, then the other runs' decision boundaries, small, and the overlaid loss chart at the right, laid out for the slide with its text at 24 px (the 16:9 preset,
 * exportPresets.ts). Drawn from the page's own canvases and Recharts SVG (chartImage.ts), so the slide shows
 * what the screen shows.
 */
import { chartSvg, type KeyEntry } from './chartImage';
import { exportPreset } from './exportPresets';
import { groupedNumber } from '../../text/groupedNumber';

export const SLIDE = { width: 1920, height: 1080 } as const;
const MARGIN = 32;
const HEADER = 84;
/** The caption line above the picture, and the key and run lines under it. */
const CAPTION = 40;
const LINE = 34;
/** The left picture's side: small enough that the loss chart keeps over half the slide (slideLayout). */
const PICTURE = 600;
/** Test images per band when the gallery compares runs (one row each); two bands' worth are shown at least. */
const ROW_IMAGES = 8;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export interface SlideParts {
  title: string;
  /** One line per run: its name, colour and losses (with the step they are from). */
  runs: readonly (KeyEntry & { losses: string })[];
  /** Whose picture it is ("Run 1 · Backprop …"): the picture shows the selected run only. */
  pictureOf: string;
  /** The decision boundary's canvas, or the gallery's image canvases (drawn as a grid), or nothing. */
  plane: HTMLCanvasElement | null;
  images: readonly HTMLCanvasElement[];
  /** The loss chart's figure (its Recharts SVG is drawn), or null. */
  lossChart: HTMLElement | null;
  /** The other runs' small decision boundaries (the page's "Other runs"), drawn in a row under the run lines. */
  others?: readonly { canvas: HTMLCanvasElement; label: string; color: string }[];
}

/** The other runs' pictures: one row under the run lines, none smaller than this or larger than OTHER_MAX. */
const OTHER_MIN = 96;
const OTHER_MAX = 260;
const OTHER_GAP = 16;

/**
 * Where things go on the slide: the caption, the left picture, the key and the run lines under it (baselines,
 * `runLines` of them, filling what was blank below the picture), and the chart at the right.
 */
export function slideLayout(runLines = 3, otherPictures = 0): {
  caption: number;
  picture: { x: number; y: number; size: number };
  key: number;
  runs: number[];
  /** The other runs' pictures (left edges), their top, side and the baseline of their labels; none where they do not fit. */
  others: { xs: number[]; y: number; size: number; label: number } | null;
  chart: { x: number; y: number; width: number; height: number };
} {
  const chartX = MARGIN + PICTURE + MARGIN;
  const pictureY = HEADER + CAPTION;
  const key = pictureY + PICTURE + LINE + 8;
  const fit = Math.max(0, Math.floor((SLIDE.height - MARGIN - key) / LINE));
  const runs = Array.from({ length: Math.min(runLines, fit) }, (_, i) => key + (i + 1) * LINE);
  // Under the last run line: a label line, then the pictures, as large as the height left and the width allow.
  const top = (runs.at(-1) ?? key) + 24;
  const side = Math.min(OTHER_MAX, SLIDE.height - MARGIN - top - LINE, (PICTURE - (otherPictures - 1) * OTHER_GAP) / Math.max(1, otherPictures));
  const others = otherPictures > 0 && side >= OTHER_MIN ? { xs: Array.from({ length: otherPictures }, (_, i) => MARGIN + i * (side + OTHER_GAP)), y: top + LINE, size: Math.floor(side), label: top + LINE - 10 } : null;
  return {
    caption: HEADER + CAPTION - 12,
    picture: { x: MARGIN, y: pictureY, size: PICTURE },
    key,
    runs,
    others,
    chart: { x: chartX, y: HEADER, width: SLIDE.width - chartX - MARGIN, height: SLIDE.height - HEADER - MARGIN },
  };
}

/** The slide's title: `problem`, with "step N" only when every run is at that step (else each run line says its own). */
export function slideTitle(problem: string, steps: readonly (number | null)[]): string {
  const known = steps.filter((step): step is number => step !== null);
  const same = known.length > 0 && known.length === steps.length && known.every((step) => step === known[0]);
  return same ? `${problem} · step ${groupedNumber(known[0])}` : problem;
}

/** A run's line under the picture: its own step and losses there. */
export function runLosses(latest: { step: number; trainLoss: string; testLoss: string } | null): string {
  return latest ? `step ${groupedNumber(latest.step)}: train ${latest.trainLoss} · test ${latest.testLoss}` : 'not started';
}

/**
 * The gallery's canvases in rows when it compares runs (data-row on each: the originals, then each run), each
 * row with its colour; one row of everything otherwise.
 */
export function imageRows(images: readonly HTMLCanvasElement[]): { color: string | null; images: HTMLCanvasElement[] }[] {
  const rows = new Map<string, { color: string | null; images: HTMLCanvasElement[] }>();
  for (const image of images) {
    const row = image.dataset.row ?? '';
    if (!rows.has(row)) rows.set(row, { color: image.dataset.color ?? null, images: [] });
    rows.get(row)?.images.push(image);
  }
  return Array.from(rows.values());
}

/** The colour bar at a row's left and the gap after it; the gap between bands, in cells. */
const BAR = 12;
const BAND_GAP = 0.25;

/**
 * How the compared rows fill the `size`² picture: bands of `columns` test images, each band with every row,
 * showing at least `minImages` images (or all there are) at the largest cell that fits.
 */
export function rowBands(count: number, rows: number, size: number, minImages = ROW_IMAGES * 2): { columns: number; bands: number; cell: number } {
  const shown = Math.min(count, minImages);
  let best = { columns: shown, bands: 1, cell: 0 };
  for (let columns = 1; columns <= shown; columns++) {
    const bands = Math.ceil(shown / columns);
    const cell = Math.min((size - BAR - 6) / columns, size / (bands * rows + (bands - 1) * BAND_GAP));
    if (cell > best.cell) best = { columns, bands, cell };
  }
  return best;
}

/** The runs' rows of test images in bands (rowBands), a colour bar at the left of each run's row. */
function drawImageRows(context: CanvasRenderingContext2D, rows: ReturnType<typeof imageRows>, x: number, y: number, size: number): void {
  const { columns, bands, cell } = rowBands(Math.max(...rows.map((r) => r.images.length)), rows.length, size);
  context.imageSmoothingEnabled = false;
  for (let band = 0; band < bands; band++) {
    rows.forEach((row, r) => {
      const top = y + (band * (rows.length + BAND_GAP) + r) * cell;
      if (row.color) {
        context.fillStyle = row.color;
        context.fillRect(x, top + 4, BAR, cell - 8);
      }
      row.images.slice(band * columns, (band + 1) * columns).forEach((image, c) => context.drawImage(image, x + BAR + 6 + c * cell + 3, top + 3, cell - 6, cell - 6));
    });
  }
}

/** The test images side by side in a square grid filling `size`² (pixels kept sharp). */
function drawImageGrid(context: CanvasRenderingContext2D, images: readonly HTMLCanvasElement[], x: number, y: number, size: number): void {
  // An even number of columns keeps an autoencoder's original and reconstruction side by side.
  const root = Math.ceil(Math.sqrt(images.length));
  const columns = images.length % 2 === 0 && root % 2 === 1 ? root + 1 : root;
  const cell = size / columns;
  context.imageSmoothingEnabled = false;
  images.forEach((image, i) => context.drawImage(image, x + (i % columns) * cell + 4, y + Math.floor(i / columns) * cell + 4, cell - 8, cell - 8));
}

async function svgImage(markup: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  const image = new Image();
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the loss chart could not be drawn as an image'));
    image.src = url;
  });
  URL.revokeObjectURL(url);
  return image;
}

export async function slidePng(parts: SlideParts): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = SLIDE.width;
  canvas.height = SLIDE.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2-D canvas here');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, SLIDE.width, SLIDE.height);
  context.fillStyle = '#1f2430';
  context.font = `600 40px ${FONT}`;
  context.fillText(parts.title, MARGIN, 56, SLIDE.width - 2 * MARGIN);
  const others = parts.plane ? (parts.others ?? []) : [];
  const layout = slideLayout(parts.runs.length, others.length);
  const { picture, chart } = layout;
  context.font = `24px ${FONT}`;
  const compared = !parts.plane && imageRows(parts.images).length > 1;
  context.fillText(compared ? 'Test images, then each run’s (bar: the run’s colour)' : `Picture: ${parts.pictureOf}`, MARGIN, layout.caption, PICTURE);
  // The lines' key, then each run's losses at its own step, as many as fit (a count of the rest on the last line).
  context.strokeStyle = '#1f2430';
  context.lineWidth = 3;
  const keyMark = (x: number, dash: number[]): void => {
    context.setLineDash(dash);
    context.beginPath();
    context.moveTo(x, layout.key - 8);
    context.lineTo(x + 40, layout.key - 8);
    context.stroke();
  };
  keyMark(MARGIN, []);
  context.fillText('train', MARGIN + 48, layout.key);
  keyMark(MARGIN + 130, [10, 5]);
  context.fillText('test', MARGIN + 178, layout.key);
  context.setLineDash([]);
  const shown = layout.runs.length < parts.runs.length ? layout.runs.length - 1 : layout.runs.length;
  parts.runs.slice(0, shown).forEach((run, i) => {
    const y = layout.runs[i];
    context.fillStyle = run.color;
    context.fillRect(MARGIN, y - 14, 28, 12);
    context.fillStyle = '#1f2430';
    context.fillText(`${run.label.split(' · ')[0]} · ${run.losses}`, MARGIN + 40, y, PICTURE - 40);
  });
  if (shown < parts.runs.length && shown >= 0 && layout.runs.length > 0) context.fillText(`and ${parts.runs.length - shown} more runs (key under the chart)`, MARGIN + 40, layout.runs[shown]);
  if (parts.plane) {
    context.imageSmoothingEnabled = true;
    context.drawImage(parts.plane, picture.x, picture.y, picture.size, picture.size);
    const row = layout.others;
    if (row) {
      others.forEach((other, i) => {
        const x = row.xs[i];
        context.fillStyle = other.color;
        context.fillRect(x, row.label - 14, 28, 12);
        context.fillStyle = '#1f2430';
        context.fillText(other.label, x + 36, row.label, row.size - 36);
        context.drawImage(other.canvas, x, row.y, row.size, row.size);
        context.fillStyle = other.color;
        context.fillRect(x, row.y - 4, row.size, 4);
      });
    }
  } else if (parts.images.length > 0) {
    const rows = imageRows(parts.images);
    if (rows.length > 1) drawImageRows(context, rows, picture.x, picture.y, picture.size);
    else drawImageGrid(context, parts.images, picture.x, picture.y, picture.size);
  }
  const { textScale } = exportPreset('slide-16x9');
  const svg = parts.lossChart ? chartSvg(parts.lossChart, 'Loss', parts.runs, undefined, false, { size: { width: chart.width, height: chart.height }, textScale, withTitle: false }) : null;
  if (svg) context.drawImage(await svgImage(svg.markup), chart.x, chart.y, chart.width, chart.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png'));
}
