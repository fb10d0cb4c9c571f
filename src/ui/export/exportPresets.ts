/**
 * What a saved chart is made for: the screen (the chart as drawn, PNG at 2×), a 16:9 or 4:3 slide, or a paper's
 * column. A preset fixes the picture's size in pixels and how much larger than on screen its text, strokes and
 * marks are; the title is a separate choice. One choice for every chart on the page, so a deck's figures match.
 */
import { create } from 'zustand';

export type ExportPresetId = 'screen' | 'slide-16x9' | 'slide-4x3' | 'paper-column';

export interface ExportPreset {
  id: ExportPresetId;
  /** Its name in full ("Slide 16:9 (1920×1080)"), and short for the chart's toolbar ("Slide 16:9"). */
  label: string;
  short: string;
  /** The picture's size in pixels; null: the chart's size on screen. */
  size: { width: number; height: number } | null;
  /** Text (12 px on screen), strokes and marks are this many times their screen size. */
  textScale: number;
  /** How many pixels the PNG has per pixel of the picture (2 for the screen, 1 where the size is fixed). */
  pngScale: number;
  /** For print: the resolution the size is meant at (the SVG then states its width in inches). */
  dpi: number | null;
}

/** 8 pt text at 300 dpi is 33⅓ px: a journal's smallest usual figure text. */
const PAPER_TEXT_SCALE = (8 / 72) * 300 / 12;

export const EXPORT_PRESETS: readonly ExportPreset[] = [
  { id: 'screen', label: 'Screen (as shown)', short: 'As shown', size: null, textScale: 1, pngScale: 2, dpi: null },
  // 24 px ticks on 1080 lines: the size a slide's smallest text should have when projected.
  { id: 'slide-16x9', label: 'Slide 16:9 (1920×1080)', short: 'Slide 16:9', size: { width: 1920, height: 1080 }, textScale: 2, pngScale: 1, dpi: null },
  // The same share of the height as the 16:9 slide's (24 px of 1080 is 17 px of 768), rounded up to 18 px.
  { id: 'slide-4x3', label: 'Slide 4:3 (1024×768)', short: 'Slide 4:3', size: { width: 1024, height: 768 }, textScale: 1.5, pngScale: 1, dpi: null },
  // A single column: 3.5 × 2.5 in at 300 dpi, ticks at 8 pt.
  { id: 'paper-column', label: 'Paper column (3.5 in, 300 dpi)', short: 'Paper column', size: { width: 1050, height: 750 }, textScale: PAPER_TEXT_SCALE, pngScale: 1, dpi: 300 },
];

export function exportPreset(id: string): ExportPreset {
  return EXPORT_PRESETS.find((preset) => preset.id === id) ?? EXPORT_PRESETS[0];
}

interface ExportChoice {
  presetId: ExportPresetId;
  withTitle: boolean;
  setPreset: (id: ExportPresetId) => void;
  setWithTitle: (on: boolean) => void;
}

/** The page's choice (this page only, like the comparison view: not in the URL). */
export const useExportChoice = create<ExportChoice>((set) => ({
  presetId: 'screen',
  withTitle: true,
  setPreset: (presetId) => set({ presetId }),
  setWithTitle: (withTitle) => set({ withTitle }),
}));
