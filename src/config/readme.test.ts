import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPERIMENT_FIELDS, FIELD_NAMES } from './experiment';

describe('README', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it.each(FIELD_NAMES)('documents the URL parameter "%s" with its default', (name) => {
    const field = EXPERIMENT_FIELDS[name];
    const format = field.format as (value: unknown) => string;
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
    expect(row).toBeDefined();
    const shown = format(field.defaultValue);
    // An empty default is written "*(empty…)*", as an empty code span would not show.
    expect(row).toContain(shown === '' ? '*(empty' : `\`${shown}\``);
    expect(row).toContain(`| ${field.change === 'hot' ? 'hot' : 'structural'} |`);
    // A choice field lists every value the schema accepts in its second cell (a new algorithm is documented, or this fails).
    if (field.type === 'enum') {
      const values = (row ?? '').split(/(?<!\\)\|/)[2].split('\\|').map((value) => value.trim());
      expect(values, name).toEqual(expect.arrayContaining([...field.options]));
    }
  });
});
