/** SGD-HD and Adam-HD in the address: the optimizer and β round-trip, a bad β is named, and the engine gets β. */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from './experiment';
import { encodeExperiment, decodeExperiment } from './experimentUrl';
import { trainingSettingsOf } from './toEngine';
import { decodeConfig, describeAddressProblems, encodeConfig } from './url';

describe('hypergradient optimizers in the URL', () => {
  it('optimizer=adam-hd&hypergradientRate=… round-trips, and reaches the engine', () => {
    const config = { ...defaultConfig(), optimizer: 'adam-hd' as const, hypergradientRate: 1e-7 };
    const query = encodeConfig(config);
    expect(query).toBe('optimizer=adam-hd&hypergradientRate=1e-7&v=1');
    expect(decodeConfig(query)).toEqual({ config, problems: [] });
    expect(decodeConfig('?optimizer=sgd-hd&hypergradientRate=0.0005').config).toMatchObject({ optimizer: 'sgd-hd', hypergradientRate: 0.0005 });
    expect(trainingSettingsOf(config)).toMatchObject({ optimizer: 'adam-hd', hypergradientRate: 1e-7 });
  });

  it('round-trips in a comparison: plain Adam against Adam-HD', () => {
    const runs = [defaultConfig(), { ...defaultConfig(), optimizer: 'adam-hd' as const, hypergradientRate: 3e-5 }];
    const decoded = decodeExperiment(encodeExperiment(runs));
    expect(decoded.problems).toEqual([]);
    expect(decoded.runs).toEqual(runs);
  });

  it.each([
    ['hypergradientRate=abc', 'not a decimal number'],
    ['hypergradientRate=1', 'at most 0.1'],
    ['hypergradientRate=0', 'at least 1e-8'],
    ['hypergradientRate=-0.001', 'at least 1e-8'],
  ])('"%s" is named with what is wrong, and the default β used', (query, why) => {
    const { config, problems } = decodeConfig(`optimizer=adam-hd&${query}`);
    expect(config.optimizer).toBe('adam-hd');
    expect(config.hypergradientRate).toBe(0.001);
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe('hypergradientRate');
    expect(problems[0].message).toContain(why);
    expect(describeAddressProblems(problems)).toContain('"hypergradientRate"');
  });
});
