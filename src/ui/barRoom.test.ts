import { describe, expect, it } from 'vitest';
import { barLevel, itemFits, type BarWidths } from './barRoom';

// The bar at 1366 px with two runs: 570 px beside the display tools, 1342 px of content.
const bar: Omit<BarWidths, 'others'> = { statGap: 6, besideTools: 570, row: 1342 };

describe('the threads item in the bar', () => {
  it('fits beside the tools when the other stats leave it room there, gap included', () => {
    expect(itemFits({ ...bar, others: 509 }, 55)).toBe(true);
    expect(itemFits({ ...bar, others: 510 }, 55)).toBe(false);
  });

  it('gives way where the other stats fit beside the tools but would not with it (it would push them onto a row of their own)', () => {
    expect(itemFits({ ...bar, others: 560 }, 55)).toBe(false);
  });

  it('takes the room of a row of their own where the other stats do not fit beside the tools anyway (1024 px)', () => {
    expect(itemFits({ ...bar, besideTools: 300, row: 1000, others: 700 }, 55)).toBe(true);
    expect(itemFits({ ...bar, besideTools: 300, row: 1000, others: 940 }, 55)).toBe(false);
  });

  it('shows its words where they fit, else its numbers, else nothing', () => {
    expect(barLevel({ ...bar, others: 300 }, 200, 55)).toBe('wide');
    expect(barLevel({ ...bar, others: 400 }, 200, 55)).toBe('compact');
    expect(barLevel({ ...bar, others: 520 }, 200, 55)).toBe('out');
  });
});
