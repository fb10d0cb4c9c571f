/**
 * sanitizeConfig clones a field's default only where it uses it (issue 20 §7: a 512-run sweep checks 512 complete
 * configs in its start button's task, and cloning every field's default for each was a third of that task).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig, EXPERIMENT_FIELDS, FIELD_NAMES, rememberingParser, sanitizeConfig } from './experiment';

describe('sanitizeConfig and the defaults', () => {
  afterEach(() => vi.restoreAllMocks());

  it('clones no default for a complete, valid candidate', () => {
    const candidate = { ...defaultConfig(), seed: 7, hidden: [5, 3], activation: ['relu' as const, 'tanh' as const] };
    const clone = vi.spyOn(globalThis, 'structuredClone');
    const { config, problems } = sanitizeConfig(candidate);
    expect(clone).toHaveBeenCalledTimes(0);
    expect(problems).toEqual([]);
    expect(config).toEqual(candidate);
    expect(Object.keys(config)).toEqual(FIELD_NAMES);
  });

  it('clones the default of each field it lacks or refuses, once, as a copy of its own', () => {
    const candidate: Partial<ReturnType<typeof defaultConfig>> = { ...defaultConfig(), activation: 'sine' as never };
    delete candidate.hidden;
    const clone = vi.spyOn(globalThis, 'structuredClone');
    const { config, problems } = sanitizeConfig(candidate);
    expect(clone).toHaveBeenCalledTimes(2);
    expect(problems.map((p) => p.field)).toEqual(['activation']);
    expect(config.hidden).toEqual(EXPERIMENT_FIELDS.hidden.defaultValue);
    expect(config.hidden).not.toBe(EXPERIMENT_FIELDS.hidden.defaultValue);
    expect(Object.keys(config)).toEqual(FIELD_NAMES);
  });

  it('with a remembering parser, checks each value once and still reports a bad value in every config', () => {
    const parse = rememberingParser();
    const hidden = [5, 3];
    const base = { ...defaultConfig(), hidden, activation: ['relu' as const, 'tanh' as const] };
    const rate = vi.spyOn(EXPERIMENT_FIELDS.learningRate.schema, 'safeParse');
    const layers = vi.spyOn(EXPERIMENT_FIELDS.hidden.schema, 'safeParse');
    const checked = [0.1, 0.1, 50, 50, 0.1].map((learningRate) => sanitizeConfig({ ...base, learningRate }, {}, false, parse));
    expect(rate).toHaveBeenCalledTimes(2);
    expect(layers).toHaveBeenCalledTimes(1);
    expect(checked.map(({ config }) => config.learningRate)).toEqual([0.1, 0.1, EXPERIMENT_FIELDS.learningRate.defaultValue, EXPERIMENT_FIELDS.learningRate.defaultValue, 0.1]);
    expect(checked.map(({ problems }) => problems.map((p) => p.field))).toEqual([[], [], ['learningRate'], ['learningRate'], []]);
    // A list is told apart by identity: an equal list of other values is checked again, and judged on its own.
    const tooMany = sanitizeConfig({ ...base, hidden: [5, 3, 0] }, {}, false, parse);
    expect(layers).toHaveBeenCalledTimes(2);
    expect(tooMany.problems.map((p) => p.field)).toEqual(['hidden']);
  });
});
