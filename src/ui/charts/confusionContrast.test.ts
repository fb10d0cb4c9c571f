/**
 * Every count in the confusion matrix stays readable: the theme's ink on the cell's shade, composited over
 * the theme's panel, at WCAG AA for normal text (4.5:1; axe flagged 2.4:1 with white text on a mid shade).
 */
import { describe, expect, it } from 'vitest';
import { cellStyle } from './confusionModel';

type Rgb = [number, number, number];

/** WCAG 2.x relative luminance of an sRGB colour. */
function luminance([r, g, b]: Rgb): number {
  const channel = (c: number): number => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `rgba(r, g, b, a)` over an opaque panel. */
function over(rgba: string, panel: Rgb): Rgb {
  const [r, g, b, a] = (rgba.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b].map((c, i) => panel[i] + a * (c - panel[i])) as Rgb;
}

// styles.css: the light theme's --panel and --ink, the dark theme's, presenter mode's.
const THEMES: Record<string, { panel: Rgb; ink: Rgb }> = {
  light: { panel: [255, 255, 255], ink: [0x1d, 0x23, 0x30] },
  dark: { panel: [0x1a, 0x20, 0x2c], ink: [0xe8, 0xeb, 0xf1] },
  presenter: { panel: [255, 255, 255], ink: [0, 0, 0] },
};

describe('confusion matrix cells', () => {
  it.each(Object.keys(THEMES))('keep 4.5:1 between the count and its shade at every share (%s theme)', (theme) => {
    const { panel, ink } = THEMES[theme];
    for (const diagonal of [true, false]) {
      for (let share = 0; share <= 1.0001; share += 0.05) {
        const style = cellStyle({ count: 5, share, diagonal });
        expect(style.color, 'the text keeps the theme ink').toBeUndefined();
        const ratio = contrast(ink, over(style.background ?? '', panel));
        expect(ratio, `${diagonal ? 'diagonal' : 'off-diagonal'} share ${share.toFixed(2)}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('writes an empty cell\'s 0 in the theme\'s muted ink, not a light grey (2.2:1 on white)', () => {
    expect(cellStyle({ count: 0, share: 0, diagonal: false })).toEqual({ color: 'var(--muted)' });
  });

  it('still shades a fuller share darker, so the picture reads without the numbers', () => {
    const alpha = (share: number): number => Number((cellStyle({ count: 5, share, diagonal: false }).background ?? '').match(/[\d.]+\)$/)?.[0].slice(0, -1));
    expect(alpha(1)).toBeGreaterThan(alpha(0.5));
    expect(alpha(0.5)).toBeGreaterThan(alpha(0.01));
    expect(alpha(1) - alpha(0)).toBeGreaterThan(0.5);
  });
});
