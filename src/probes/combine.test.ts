import { describe, expect, it } from 'vitest';
import { combineSeedReadings } from './combine';
import type { ProbeDeclaration } from './declaration';

const median: ProbeDeclaration = { name: 'm', quantities: ['angle'], seeds: 'median', csv: { angle: 'angle' } };
const lead: ProbeDeclaration = { name: 'l', quantities: ['norm'], seeds: 'lead', csv: { norm: 'norm' } };

describe('a repeated run’s probe readings', () => {
  it('combine as each probe declares: the median per layer (a diverged seed’s NaN left out), or the lead seed’s', () => {
    const seeds = [
      { m: { angle: [30, 5] }, l: { norm: [1, 2] } },
      { m: { angle: [10, Number.NaN] }, l: { norm: [9, 9] } },
      { m: { angle: [20, 7] }, l: { norm: [8, 8] } },
    ];
    expect(combineSeedReadings([median, lead], seeds)).toEqual({ m: { angle: [20, 6] }, l: { norm: [1, 2] } });
  });

  it('is null when the lead seed has no diagnosed step in the tick', () => {
    expect(combineSeedReadings([median], [null, { m: { angle: [1] } }])).toBeNull();
  });
});
