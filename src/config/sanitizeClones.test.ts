/**
 * sanitizeConfig clones a field's default only where it uses it (issue 20 §7: a 512-run sweep checks 512 complete
 * configs in its start button's task, and cloning every field's default for each was a third of that task).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig, EXPERIMENT_FIELDS, FIELD_NAMES, sanitizeConfig } from './experiment';

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
});
