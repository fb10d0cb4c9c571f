import { describe, expect, it } from 'vitest';
import { ANGLE_DOMAIN } from './alignmentModel';

// The chart's plot: 190 px, less its 6 + 4 px margins and Recharts' 30 px x axis (AlignmentChart.tsx).
const PLOT_HEIGHT = 190 - 6 - 4 - 30;
const LINE_WIDTH = 1.6;

describe('the alignment chart’s angle axis', () => {
  it('keeps 0° (backprop with SGD, an output layer) clear above the x axis line, so those lines are seen', () => {
    const [low, high] = ANGLE_DOMAIN;
    const aboveAxis = (PLOT_HEIGHT * (0 - low)) / (high - low);
    // Half the line's width plus the axis line's 1 px and a pixel of air.
    expect(aboveAxis).toBeGreaterThanOrEqual(LINE_WIDTH / 2 + 2);
    // 90° and 180° stay on the axis, and the room below 0° stays small (no negative angles exist).
    expect(high).toBe(180);
    expect(aboveAxis).toBeLessThan(8);
  });
});
