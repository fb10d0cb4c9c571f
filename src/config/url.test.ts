import { describe, expect, it } from 'vitest';
import { createRandom } from '../engine/random';
import { defaultConfig, FIELD_NAMES } from './experiment';
import { decodeConfig, encodeConfig } from './url';

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

  it('keeps the valid fields of a partly bad URL', () => {
    const { config, problems } = decodeConfig('dataset=moons&noise=999&seed=42');
    expect(config.dataset).toBe('moons');
    expect(config.seed).toBe(42);
    expect(config.noise).toBe(defaultConfig().noise);
    expect(problems).toHaveLength(1);
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
