import { describe, expect, it } from 'vitest';
import { INNER_OPTIMIZERS, locopropGrid, type GridCase } from './parityGrid';

const flagsOf = (c: GridCase): string => `${c.locoprop.innerDecay}/${c.locoprop.proximalWeight > 0}/${c.locoprop.resetInner}`;
const networkOf = (c: GridCase): string => `${c.activation}/${c.lossKind}`;
/** How many distinct combinations of the given factors the cases take. */
const combinations = (cases: GridCase[], ...factors: ((c: GridCase) => string | number)[]): number => new Set(cases.map((c) => factors.map((f) => f(c)).join('|'))).size;
const variant = (c: GridCase): string => c.variant;
const k = (c: GridCase): number => c.locoprop.innerSteps;
const optimizer = (c: GridCase): string => c.optimizer;

describe('the LocoProp parity grid', () => {
  it('covers every variant × K × flag pattern, optimizer × flag pattern, variant × K × optimizer, and network and loss with each in 32 cases', () => {
    const cases = locopropGrid(false);
    expect(cases.length).toBe(32);
    expect(combinations(cases, variant, k, flagsOf)).toBe(2 * 2 * 8);
    expect(combinations(cases, optimizer, flagsOf)).toBe(INNER_OPTIMIZERS.length * 8);
    expect(combinations(cases, variant, k, optimizer)).toBe(2 * 2 * 3);
    expect(combinations(cases, networkOf, variant, k)).toBe(4 * 2 * 2);
    expect(combinations(cases, networkOf, optimizer)).toBe(4 * 3);
  });

  it('FUSED_PARITY_FULL=1\'s grid: every variant × K × optimizer × flag pattern, 96 cases', () => {
    const cases = locopropGrid(true);
    expect(cases.length).toBe(96);
    expect(combinations(cases, variant, k, optimizer, flagsOf)).toBe(96);
    expect(combinations(cases, networkOf)).toBe(4);
  });
});
