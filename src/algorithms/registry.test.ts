/**
 * The registries are the only way in: every algorithm of the page registry has its worker implementation, its
 * settings fields are in the schema, no code outside src/algorithms/<name>/ names an algorithm (scenes
 * may, as data: they pick algorithms the way a URL does), and none but the two registries imports from inside
 * an algorithm's folder (what an algorithm offers the engine, such as its batched sweep steps, is a member of
 * its registry entry).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { numberField } from '../config/fields';
import { ALGORITHM_INFO, ALGORITHMS, algorithmFields } from './registry';
import { innerIterationsOf, mergedFields, stepSettingsOf, type SettingsGroup } from './settings';
import { defaultConfig, EXPERIMENT_FIELDS } from '../config/experiment';

const SOURCE = new URL('..', import.meta.url).pathname;
/**
 * Scenes name algorithms as data, as a URL does (the paper scene's recorded runs are keyed by theirs); so do test
 * helpers (src/test: the address fuzz's table).
 */
const MAY_NAME_ALGORITHMS = ['algorithms/', 'config/scenes.ts', 'config/paperScene.ts', 'config/paperSceneRecord.ts', 'test/'];

/**
 * Code that may read a settings field under the same name for a quantity of its own: the schedules' γ (step and
 * exponential decay's factor, exp_range's γ; Smith 2017, §3.1) is not LocoProp's.
 */
const OWN_QUANTITY: Readonly<Record<string, readonly string[]>> = { gamma: ['engine/schedule/'] };

/**
 * Not moved yet, by file: none left (the session's inner optimizer moved into LocoProp's settings group, its
 * `optimizer` declaration). Each entry must still be used (the test fails on a stale one), so the list only shrinks.
 */
const NOT_YET_MOVED: Readonly<Record<string, readonly string[]>> = {};

/** The files outside the algorithms' folders that may import from inside one: the registries, which list them. */
const MAY_IMPORT_FROM_ALGORITHMS = ['algorithms/registry.ts', 'algorithms/workerRegistry.ts'];

/**
 * Imports from inside an algorithm's folder not moved behind a registry yet, by file. Each entry must still be used
 * (the test fails on a stale one), so the list only shrinks; it is empty.
 */
const IMPORTS_NOT_YET_MOVED: Readonly<Record<string, readonly string[]>> = {};

/** An algorithm's folder: src/algorithms/<name>/ (its files, and what lies below). */
const inAlgorithmFolder = (path: string): boolean => /^algorithms\/[^/]+\//.test(path);

/** The relative module paths a file imports or re-exports (static, side-effect and dynamic), resolved from src, without extension. */
function importedModules(path: string): string[] {
  const text = readFileSync(join(SOURCE, path), 'utf8');
  const specifiers = [...text.matchAll(/\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2]);
  return specifiers.filter((spec) => spec.startsWith('.')).map((spec) => relative(SOURCE, resolve(dirname(join(SOURCE, path)), spec)).replace(/\.tsx?$/, ''));
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the algorithm registries', () => {
  it('no code outside an algorithm’s folder names an algorithm', () => {
    // Its name, or its settings group's id (what `settings?.id === 'locoprop'` would branch on), quoted.
    const groupIds = Object.values(ALGORITHM_INFO).flatMap((info) => (info.settings ? [info.settings.id] : []));
    const quoted = new RegExp(`['"\`](${[...new Set([...ALGORITHMS, ...groupIds])].join('|')})['"\`]`);
    const offenders = sourceFiles(SOURCE)
      .map((path) => relative(SOURCE, path))
      .filter((path) => !MAY_NAME_ALGORITHMS.some((allowed) => path.startsWith(allowed)))
      .flatMap((path) =>
        readFileSync(join(SOURCE, path), 'utf8')
          .split('\n')
          .flatMap((line, i) => (quoted.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });

  it('no code outside an algorithm’s folder but the registries imports from inside one', () => {
    // An import of backprop's kernels by the sweep (a batched path chosen by comparing kernel names) named no
    // algorithm in quotes, so the test above missed it; what an algorithm offers is its registry entry's.
    const found = sourceFiles(SOURCE)
      .map((path) => relative(SOURCE, path))
      .filter((path) => !inAlgorithmFolder(path) && !MAY_IMPORT_FROM_ALGORITHMS.includes(path))
      .flatMap((path) => importedModules(path).filter(inAlgorithmFolder).map((module) => ({ path, module })));
    expect(found.length + MAY_IMPORT_FROM_ALGORITHMS.flatMap(importedModules).filter(inAlgorithmFolder).length).toBeGreaterThan(0);
    expect(found.filter(({ path, module }) => !(IMPORTS_NOT_YET_MOVED[path] ?? []).includes(module)).map(({ path, module }) => `${path} imports ${module}`)).toEqual([]);
    const stale = Object.entries(IMPORTS_NOT_YET_MOVED).flatMap(([path, left]) => left.filter((module) => !found.some((f) => f.path === path && f.module === module)).map((module) => `${path}: ${module}`));
    expect(stale).toEqual([]);
  });

  it('no code outside an algorithm’s folder uses one of its settings fields by name', () => {
    // The checked uses, on lines that are not comments: the name quoted ('gamma'), read as a member (config.gamma),
    // a key or type member (gamma: …), or a shorthand in braces ({ gamma, … }). Run names, messages and panels reach
    // a field through its settings group's declarations (settings.ts, presentation.ts); files that may name
    // algorithms as data (scenes, test helpers, any folder under algorithms/) are not checked, nor are the
    // shared files directly under algorithms/ exempt: they must not name a field either.
    const names = [...new Set(Object.values(ALGORITHM_INFO).flatMap((info) => Object.keys(info.settings?.fields ?? {})))];
    expect(names.length).toBeGreaterThan(0);
    const uses = (name: string): RegExp => new RegExp(`['"\`]${name}['"\`]|\\.${name}\\b|\\b${name}\\??\\s*:|[{,]\\s*${name}\\s*[,}]`);
    const mayName = (path: string): boolean => /^algorithms\/[^/]+\//.test(path) || MAY_NAME_ALGORITHMS.filter((allowed) => allowed !== 'algorithms/').some((allowed) => path.startsWith(allowed));
    const found = sourceFiles(SOURCE)
      .map((path) => relative(SOURCE, path))
      .filter((path) => !mayName(path))
      .flatMap((path) =>
        readFileSync(join(SOURCE, path), 'utf8')
          .split('\n')
          .flatMap((line, i) => {
            if (/^\s*(\/\/|\/\*|\*)/.test(line)) return [];
            const used = names.filter((name) => uses(name).test(line) && !(OWN_QUANTITY[name] ?? []).some((own) => path.startsWith(own)));
            return used.map((name) => ({ path, name, at: `${path}:${i + 1}: ${name}` }));
          }),
      );
    expect(found.filter(({ path, name }) => !(NOT_YET_MOVED[path] ?? []).includes(name)).map(({ at }) => at)).toEqual([]);
    const stale = Object.entries(NOT_YET_MOVED).flatMap(([path, left]) => left.filter((name) => !found.some((f) => f.path === path && f.name === name)).map((name) => `${path}: ${name}`));
    expect(stale).toEqual([]);
  });

  it('puts every algorithm’s settings fields in the schema, and no others', () => {
    const declared = new Set(Object.values(ALGORITHM_INFO).flatMap((info) => Object.keys(info.settings?.fields ?? {})));
    expect(new Set(Object.keys(algorithmFields(ALGORITHM_INFO, ALGORITHMS)))).toEqual(declared);
    for (const name of declared) expect(Object.keys(EXPERIMENT_FIELDS)).toContain(name);
  });

  it('shows an inner loop (targets panel, narration) exactly where its settings group declares inner iterations for the cost model', () => {
    for (const info of Object.values(ALGORITHM_INFO)) {
      const iterations = innerIterationsOf(info.settings, stepSettingsOf(info.settings, defaultConfig()));
      expect({ name: info.name, innerLoop: iterations > 0 }).toEqual({ name: info.name, innerLoop: info.innerLoop });
    }
  });

  it('takes the optimizer from the config’s optimizer field, or from a field of the algorithm’s settings group that declares it', () => {
    for (const info of Object.values(ALGORITHM_INFO)) {
      const own = info.settings?.optimizer !== undefined;
      expect({ name: info.name, field: info.optimizerField, own }).toEqual({ name: info.name, field: own ? expect.not.stringMatching(/^optimizer$/) : 'optimizer', own });
      if (own) expect(Object.keys(info.settings?.fields ?? {})).toContain(info.optimizerField);
    }
  });

  it('refuses two settings groups that declare one field name differently, naming the field', () => {
    const groupWith = (id: string, max: number): SettingsGroup => ({
      id,
      fields: { rate: numberField({ label: 'Rate', help: 'A rate.', change: 'hot', defaultValue: 1, min: 0, max }) },
      toStep: () => ({}),
      intro: '',
      explainLabel: '',
    });
    const first = groupWith('first', 2);
    expect(Object.keys(mergedFields([first, null, first]))).toEqual(['rate']);
    expect(() => mergedFields([first, groupWith('second', 3)])).toThrow('"rate" is declared by two settings groups (the second: "second")');
  });
});
