import { describe, expect, it } from 'vitest';
import { rovingTarget } from './RovingToolbar';

describe('rovingTarget (WAI-ARIA APG Toolbar keys)', () => {
  it('moves right and left, wrapping at the ends', () => {
    expect(rovingTarget('ArrowRight', 0, 3)).toBe(1);
    expect(rovingTarget('ArrowRight', 2, 3)).toBe(0);
    expect(rovingTarget('ArrowLeft', 0, 3)).toBe(2);
    expect(rovingTarget('ArrowLeft', 2, 3)).toBe(1);
  });
  it('jumps to the first and the last with Home and End', () => {
    expect(rovingTarget('Home', 2, 3)).toBe(0);
    expect(rovingTarget('End', 0, 3)).toBe(2);
  });
  it('leaves other keys (Tab, Space, Enter, up and down) and an empty toolbar alone', () => {
    for (const key of ['Tab', ' ', 'Enter', 'ArrowUp', 'ArrowDown', 'p']) expect(rovingTarget(key, 1, 3)).toBeNull();
    expect(rovingTarget('ArrowRight', 0, 0)).toBeNull();
  });
});
