import { describe, expect, it } from 'vitest';
import { fitAxisTitle } from './ResponseChart';

describe('fitAxisTitle: the response chart’s y title within the plot’s height', () => {
  it('keeps a title that fits, drops a parenthesis that does not, and cuts what still does not with an ellipsis', () => {
    expect(fitAxisTitle('median final validation loss', 240)).toBe('median final validation loss');
    const long = 'median mean validation loss over training (area under the curve)';
    // 65 characters at 8 px: 520 px, in a 238 px plot (a 300 px chart); cut at a word.
    expect(fitAxisTitle(long, 238)).toBe('median mean validation loss…');
    expect(fitAxisTitle(long, 300)).toBe('median mean validation loss over…');
    expect(fitAxisTitle(long, 340)).toBe('median mean validation loss over training');
    expect(fitAxisTitle(long, 540)).toBe(long);
    for (const height of [60, 120, 238, 300]) expect(fitAxisTitle(long, height).length * 8).toBeLessThanOrEqual(height);
  });
});
