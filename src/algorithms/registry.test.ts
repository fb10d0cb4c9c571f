/**
 * The registries are the only way in: every algorithm of the page registry has its worker implementation, its
 * settings fields are in the schema, and no code outside src/algorithms/<name>/ names an algorithm (scenes
 * may, as data: they pick algorithms the way a URL does).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
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

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the algorithm registries', () => {
  it('no code outside an algorithm’s folder names an algorithm', () => {
    const quoted = new RegExp(`['"\`](${ALGORITHMS.join('|')})['"\`]`);
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
