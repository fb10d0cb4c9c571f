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
  });
});
