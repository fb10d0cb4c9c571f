/**
 * A 1920×1080 "slide" of the experiment as it stands, for a talk: a title line (what is compared, the step and
 * each run's losses), the picture of the selected run at the left (the decision boundary, or the test images
 * with their predictions or reconstructions) and the overlaid loss chart at the right with its key. Drawn from
 * the page's own canvases and Recharts SVG (chartImage.ts), so the slide shows exactly what the screen shows.
 */
import { chartSvg, type KeyEntry } from './chartImage';

export const SLIDE = { width: 1920, height: 1080 } as const;
const MARGIN = 48;
const HEADER = 150;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export interface SlideParts {
  title: string;
  /** One line per run: its name, colour and losses. */
  runs: readonly (KeyEntry & { losses: string })[];
  /** The decision boundary's canvas, or the gallery's image canvases (drawn as a grid), or nothing. */
  plane: HTMLCanvasElement | null;
  images: readonly HTMLCanvasElement[];
  /** The loss chart's figure (its Recharts SVG is drawn), or null. */
  lossChart: HTMLElement | null;
}

/** Where the left picture and the chart go on the slide. */
export function slideLayout(): { picture: { x: number; y: number; size: number }; chart: { x: number; y: number; width: number; height: number } } {
  const size = SLIDE.height - HEADER - MARGIN;
  const chartX = MARGIN + size + MARGIN;
  return { picture: { x: MARGIN, y: HEADER, size }, chart: { x: chartX, y: HEADER, width: SLIDE.width - chartX - MARGIN, height: size } };
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
  context.fillText(parts.title, MARGIN, 64, SLIDE.width - 2 * MARGIN);
  context.font = `26px ${FONT}`;
  parts.runs.slice(0, 2).forEach((run, i) => {
    const y = 104 + i * 34;
    context.fillStyle = run.color;
    context.fillRect(MARGIN, y - 16, 28, 8);
    context.fillStyle = '#1f2430';
    context.fillText(`${run.label} · ${run.losses}`, MARGIN + 40, y - 4, SLIDE.width - 2 * MARGIN - 40);
  });
  if (parts.runs.length > 2) {
    context.fillText(`and ${parts.runs.length - 2} more run${parts.runs.length === 3 ? '' : 's'} (key under the chart)`, MARGIN + 40, 104 + 2 * 34 - 4);
  }
  const { picture, chart } = slideLayout();
  if (parts.plane) {
    context.imageSmoothingEnabled = true;
    context.drawImage(parts.plane, picture.x, picture.y, picture.size, picture.size);
  } else if (parts.images.length > 0) {
    drawImageGrid(context, parts.images, picture.x, picture.y, picture.size);
  }
  const svg = parts.lossChart ? chartSvg(parts.lossChart, 'Loss', parts.runs) : null;
  if (svg) {
    const image = await svgImage(svg.markup);
    const scale = Math.min(chart.width / svg.width, chart.height / svg.height);
    context.drawImage(image, chart.x, chart.y, svg.width * scale, svg.height * scale);
  }
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png'));
}
