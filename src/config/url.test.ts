import { describe, expect, it } from 'vitest';
import { createRandom } from '../engine/random';
import { defaultConfig, FIELD_NAMES } from './experiment';
import { runSpecOf } from './toEngine';
import { decodeExperiment } from './experimentUrl';
import { decodeConfig, describeAddressProblems, encodeConfig } from './url';

/**
 * Array-iterator steps taken by `run` (a counter, not a clock): grouping a key's occurrences by copying its list
 * per occurrence takes n²/2 of them, appending in place a few per occurrence.
 */
function arrayIteratorSteps(run: () => void): number {
  const original = Object.getOwnPropertyDescriptor(Array.prototype, Symbol.iterator);
  const iterate = original?.value as (this: unknown[]) => Iterator<unknown>;
  let steps = 0;
  Object.defineProperty(Array.prototype, Symbol.iterator, {
    configurable: true,
    writable: true,
    value(this: unknown[]) {
      const inner = iterate.call(this);
      return { next: () => (steps++, inner.next()), [Symbol.iterator]() { return this; } };
    },
  });
  try {
    run();
  } finally {
    if (original) Object.defineProperty(Array.prototype, Symbol.iterator, original);
  }
  return steps;
}


describe('URL ⇄ config', () => {
  it('an empty query gives the defaults and no problems', () => {
    expect(decodeConfig('')).toEqual({ config: defaultConfig(), problems: [] });
    expect(encodeConfig(defaultConfig())).toBe('');
  });

  it("reads DESIGN.md's example keys as written", () => {
    const { config, problems } = decodeConfig('?dataset=spiral&hidden=8,8&activation=tanh&algorithm=backprop&seed=3&backend=cpu');
    expect(problems).toEqual([]);
    expect(config.dataset).toBe('spiral');
    expect(config.hidden).toEqual([8, 8]);
    expect(config.activation).toEqual(['tanh', 'tanh']);
    expect(config.seed).toBe(3);
    expect(config.backend).toBe('cpu');
  });

  it('writes only non-default fields plus the version, and reads them back', () => {
    const config = { ...defaultConfig(), dataset: 'xor' as const, hidden: [16, 4, 2], activation: ['relu', 'tanh', 'relu'] as ('relu' | 'tanh')[], learningRate: 0.003 };
    const query = encodeConfig(config);
    expect(query).toBe('dataset=xor&hidden=16,4,2&activation=relu,tanh,relu&learningRate=0.003&v=1');
    expect(decodeConfig(query)).toEqual({ config, problems: [] });
  });

  it('round-trips a validation split, and the run it describes holds out that share of its training points', () => {
    const config = { ...defaultConfig(), validationPercent: 20 };
    const query = encodeConfig(config);
    expect(query).toBe('validationPercent=20&v=1');
    expect(decodeConfig(query)).toEqual({ config, problems: [] });
    expect(runSpecOf(decodeConfig('?validationPercent=20').config).dataset.validationPercent).toBe(20);
  });

  it.each([
    ['validationPercent=80', 'must be at most 50'],
    ['validationPercent=12.5', 'whole'],
    ['validationPercent=-1', 'at least 0'],
  ])('"%s" is named with what is wrong with it, and no validation set is used', (query, why) => {
    const { config, problems } = decodeConfig(query);
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe('validationPercent');
    expect(problems[0].message).toContain(`"validationPercent" = "${query.split('=')[1]}" is not valid (`);
    expect(problems[0].message).toContain(why);
    expect(problems[0].message).toContain('using the default, 0.');
    expect(config.validationPercent).toBe(0);
  });

  it('round-trips a network with no hidden layer', () => {
    const config = { ...defaultConfig(), hidden: [], activation: [] };
    expect(decodeConfig(encodeConfig(config))).toEqual({ config, problems: [] });
  });

  it.each([
    ['noise=abc', 'noise'],
    ['noise=80', 'noise'],
    ['noise=', 'noise'],
    ['learningRate=0', 'learningRate'],
    ['learningRate=1e9', 'learningRate'],
    ['batchSize=2.5', 'batchSize'],
    ['seed=-1', 'seed'],
    ['dataset=nope', 'dataset'],
    ['hidden=8,x', 'hidden'],
    ['hidden=1,2,3,4,5,6,7', 'hidden'],
    ['hidden=65', 'hidden'],
    ['activation=swish', 'activation'],
    ['activation=tanh,relu,relu', 'activation'],
    ['optimizer=lbfgs', 'optimizer'],
    ['backend=metal', 'backend'],
    ['colour=red', 'colour'],
    ['v=99', 'v'],
  ])('"%s" is reported by the name of the field and replaced by its default', (query, field) => {
    const { config, problems } = decodeConfig(query);
    expect(problems.map((p) => p.field)).toEqual([field]);
    expect(problems[0].message).toContain(`"${field === 'v' ? '99' : field}"`);
    const defaults = defaultConfig();
    if (field in defaults) expect(config[field as keyof typeof defaults]).toEqual(defaults[field as keyof typeof defaults]);
  });

  it.each([
    ['seed', '0x10'],
    ['seed', '0b11'],
    ['seed', '0o7'],
    ['divFactor', '0x10'],
    ['learningRate', '0x1'],
    ['learningRate', 'Infinity'],
    ['learningRate', ' 0.05'],
    ['learningRate', '0.05 '],
    ['noise', '1_0'],
    ['batchSize', '+0x10'],
    ['hidden', '0x8'],
    ['hidden', '8,0b100'],
  ])('"%s" = "%s": decimal notation only; anything else is reported by name and replaced by its default', (field, text) => {
    const { config, problems } = decodeConfig(new URLSearchParams({ [field]: text }).toString());
    expect(problems.map((p) => p.field)).toEqual([field]);
    expect(problems[0].message).toContain(`"${field}" = "${text}" is not valid (not a decimal number`);
    const defaults = defaultConfig();
    expect(config[field as keyof typeof defaults]).toEqual(defaults[field as keyof typeof defaults]);
  });

  it('features the data set does not have fall back to its defaults, and the address says so (iris, a,a)', () => {
    const { config, problems } = decodeConfig('dataset=iris&features=a,a');
    expect(config.dataset).toBe('iris');
    expect(config.features).toEqual([]);
    expect(problems.map((p) => p.field)).toEqual(['features']);
    expect(describeAddressProblems(problems)).toMatch(/^From the address: 1 setting could not be used as given, "features"\. "features" = "a,a" is not valid \(iris has no feature "a"; .*\); using the data set's default features, "petal length \(cm\)", "petal width \(cm\)"\.$/);
  });

  it('reads every decimal notation: sign, decimal point on either side, exponent', () => {
    const read = (field: 'learningRate' | 'seed', text: string): number => decodeConfig(new URLSearchParams({ [field]: text }).toString()).config[field];
    expect(read('learningRate', '.05')).toBe(0.05);
    expect(read('learningRate', '5e-2')).toBe(0.05);
    expect(read('learningRate', '+5E-2')).toBe(0.05);
    expect(read('seed', '16.')).toBe(16);
    expect(read('seed', '1.6e1')).toBe(16);
  });

  it('allows real data bigger networks than the 2-D sets, and says why a 2-D set refuses one', () => {
    expect(decodeConfig('dataset=mnist14&hidden=128,64,16,64,128').config.hidden).toEqual([128, 64, 16, 64, 128]);
    expect(decodeConfig('dataset=mnist&hidden=1024,1024,8,8,8,8,8,8').problems).toEqual([]);
    const { config, problems } = decodeConfig('dataset=spiral&hidden=128');
    expect(config.hidden).toEqual([8, 8]);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('at most 6 layers of 64 units')]);
    expect(decodeConfig('dataset=mnist&hidden=1025').problems.map((p) => p.field)).toEqual(['hidden']);
  });

  it('reads the task and features, and refuses an autoencoder on data that is not images', () => {
    const { config } = decodeConfig('dataset=iris&features=sepal%20length%20(cm),petal%20width%20(cm)');
    expect(config.features).toEqual(['sepal length (cm)', 'petal width (cm)']);
    expect(decodeConfig('dataset=mnist14&task=autoencoder').config.task).toBe('autoencoder');
    const circle = decodeConfig('dataset=circle&task=autoencoder');
    expect(circle.config.task).toBe('supervised');
    expect(circle.problems.map((p) => p.field)).toEqual(['task']);
  });

  it('keeps the valid fields of a partly bad URL', () => {
    const { config, problems } = decodeConfig('dataset=moons&noise=999&seed=42');
    expect(config.dataset).toBe('moons');
    expect(config.seed).toBe(42);
    expect(config.noise).toBe(defaultConfig().noise);
    expect(problems).toHaveLength(1);
  });

  describe('a key given more than once', () => {
    it('names every invalid occurrence, mentions the repetition and uses the last valid value', () => {
      const { config, problems } = decodeConfig('gamma=-1&gamma=0.001&gamma=abc');
      expect(config.gamma).toBe(0.001);
      expect(problems.map((p) => p.field)).toEqual(['gamma', 'gamma', 'gamma']);
      expect(problems[0].message).toContain('"gamma" = "-1" is not valid (must be at least 0.001)');
      expect(problems[1].message).toContain('"gamma" = "abc" is not valid (not a decimal number)');
      expect(problems[2].message).toBe('"gamma" was given 3 times; using the last valid value, "0.001".');
    });

    it('the last valid value wins even when it comes first, and repeated valid values are still mentioned', () => {
      expect(decodeConfig('gamma=0.5&gamma=200').config.gamma).toBe(0.5);
      const { config, problems } = decodeConfig('seed=3&seed=4');
      expect(config.seed).toBe(4);
      expect(problems).toEqual([{ field: 'seed', message: '"seed" was given twice; using the last valid value, "4".' }]);
    });

    it('uses the default when no occurrence is valid', () => {
      const { config, problems } = decodeConfig('noise=80&noise=x');
      expect(config.noise).toBe(defaultConfig().noise);
      expect(problems).toHaveLength(3);
      expect(problems[2].message).toBe('"noise" was given twice and no value was valid; using the default, 10.');
    });

    it('applies to the version and to unknown keys too', () => {
      const { problems } = decodeConfig('v=1&v=7&colour=red&colour=blue');
      expect(problems.map((p) => p.message)).toEqual([
        'The link was written for settings version "7"; this page reads version 1. Settings it does not know were ignored.',
        '"v" was given twice.',
        'Unknown setting "colour" in the address was ignored (given twice).',
      ]);
    });
  });

  describe('many repeats of a key (issue 21: 40,000 repeats took seconds, quadratic)', () => {
    const repeats = (pair: string, n: number): string => Array.from({ length: n }, () => pair).join('&');

    it('are grouped in steps linear in their number, for run 1\'s keys and run k\'s', () => {
      const n = 4000;
      // Copying each key's list per occurrence: n²/2 = 8,000,000 steps. Appending: a few per occurrence.
      for (const query of [repeats('seed=1', n), `runs=2&${repeats('r2.seed=1', n)}`]) {
        expect(arrayIteratorSteps(() => decodeExperiment(query))).toBeLessThan(25 * n);
      }
      expect(arrayIteratorSteps(() => decodeConfig(repeats('zz=1', n)))).toBeLessThan(25 * n);
    });

    it('name the first few invalid values and count the rest', () => {
      const { config, problems } = decodeConfig(repeats('noise=x', 1000));
      expect(config.noise).toBe(defaultConfig().noise);
      expect(problems).toHaveLength(6);
      expect(problems[5].message).toBe('"noise" was given 1,000 times (995 more invalid values not listed) and no value was valid; using the default, 10.');
    });

    it('make one message of bounded length, however many settings the address gets wrong', () => {
      const problems = decodeExperiment(Array.from({ length: 40_000 }, (_, i) => `k${i}=1`).join('&')).problems;
      expect(problems).toHaveLength(40_000);
      const text = describeAddressProblems(problems) ?? '';
      expect(text).toMatch(/^From the address: 40,000 settings could not be used as given: "k0", "k1", .*"k19", and 39,980 more settings\. /);
      expect(text).toContain('Unknown setting "k19" in the address was ignored. (39,980 more problems not listed.)');
      expect(text).not.toContain('"k20"');
    });
  });

  it('names what empty features mean when it falls back to them (it said "no hidden layers")', () => {
    const { problems } = decodeConfig(`features=${Array.from({ length: 65 }, (_, i) => `f${i}`).join(',')}`);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/allows at most 64 entries\); using the default, the data set's default features\.$/)]);
  });

  it('shortens a very long value or key in messages', () => {
    const long = 'x'.repeat(5000);
    const { problems } = decodeConfig(`dataset=${long}&${long}=1`);
    expect(problems).toHaveLength(2);
    // The dataset message also lists the 13 valid names (~120 characters); the 5,000-character value is cut.
    for (const problem of problems) expect(problem.message.length).toBeLessThan(320);
    expect(problems[1].message).toContain(`"${'x'.repeat(59)}…"`);
  });

  it('describes all of the address’s problems in one message, each field named', () => {
    expect(describeAddressProblems([])).toBeNull();
    const query = 'noise=abc&hidden=8,x&learningRate=1e9&colour=red&seed=-1&points=1&dataset=nope&gamma=-1&gamma=1';
    const { problems } = decodeConfig(query);
    const text = describeAddressProblems(problems) ?? '';
    expect(text).toMatch(/^From the address: 8 settings could not be used as given: "colour", "gamma", "dataset", "noise", /);
    for (const name of ['noise', 'hidden', 'learningRate', 'colour', 'seed', 'points', 'dataset', 'gamma']) expect(text).toContain(`"${name}"`);
    for (const problem of problems) expect(text).toContain(problem.message);
    expect(describeAddressProblems(decodeConfig('noise=abc').problems)).toBe(
      'From the address: 1 setting could not be used as given, "noise". "noise" = "abc" is not valid (not a decimal number); using the default, 10.',
    );
  });

  it('never throws on random input and always returns a complete config', () => {
    const random = createRandom(99);
    const alphabet = 'abc=&,%.-+eE0123456789 xyz?#';
    const keys = [...FIELD_NAMES, 'v', '', '%'];
    for (let i = 0; i < 2000; i++) {
      let query = '';
      const n = random.int(6);
      for (let k = 0; k < n; k++) {
        let value = '';
        for (let c = random.int(10); c > 0; c--) value += alphabet[random.int(alphabet.length)];
        query += `${k > 0 ? '&' : ''}${keys[random.int(keys.length)]}=${value}`;
      }
      const { config } = decodeConfig(query);
      expect(Object.keys(config).sort()).toEqual([...FIELD_NAMES].sort());
      expect(config.activation.length).toBe(config.hidden.length);
    }
  });
});
