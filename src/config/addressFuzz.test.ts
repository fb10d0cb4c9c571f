/**
 * Every generated address of the fuzz (src/test/addressFuzz.ts: its generator knows which keys it made bad)
 * through what the page does with its address (boot.tsx): decodeExperiment, then describeAddressProblems for
 * the status. Each bad key is named, the count is the generator's, and the runs it gives read back from their
 * own address with no problem. The browser runs a sample of the same list (e2e/fuzz.spec.ts).
 */
import { describe, expect, it } from 'vitest';
import { allCases, CASES } from '../test/addressFuzz';
import { decodeExperiment, encodeExperiment } from './experimentUrl';
import { describeAddressProblems } from './url';

describe('the address fuzz, every case', () => {
  const cases = allCases();

  it(`has ${CASES} cases, and names every bad key of each, no more and no fewer`, () => {
    expect(cases).toHaveLength(CASES);
    const failures: string[] = [];
    for (const [index, { query, bad }] of cases.entries()) {
      const { problems } = decodeExperiment(query);
      const text = describeAddressProblems(problems) ?? '';
      const missing = [...bad].filter((key) => !text.includes(`"${key}"`));
      const counted = Number(/^From the address: (\d+) settings? could not be used/.exec(text)?.[1] ?? 0);
      if (missing.length > 0) failures.push(`#${index} ${query.slice(0, 160)}: not named ${JSON.stringify(missing)}`);
      if (counted !== bad.size) failures.push(`#${index} ${query.slice(0, 160)}: counts ${counted}, the generator made ${bad.size} bad`);
    }
    expect(failures).toEqual([]);
  });

  it('gives runs whose own address reads back as the same runs, with no problem', () => {
    for (const { query } of cases) {
      const { runs } = decodeExperiment(query);
      const again = decodeExperiment(encodeExperiment(runs));
      expect(again.problems, query.slice(0, 160)).toEqual([]);
      expect(again.runs, query.slice(0, 160)).toEqual(runs);
    }
  });
});
