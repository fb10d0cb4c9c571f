/**
 * Unit test files share their worker's modules (vite.config.ts), so a file that replaces a module with `vi.mock`
 * must be listed to run isolated: unlisted, its mock would silently not apply where another file loaded the module
 * first, or leak into the files after it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOCKING_TESTS } from './unitTestFiles';

const ROOT = join(import.meta.dirname, '..');

function testFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the unit test files that mock a module', () => {
  it('are exactly the ones that run isolated', () => {
    const mocking = [...testFiles('src'), ...testFiles('scripts')].filter((file) => /\bvi\.(mock|doMock)\(/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(mocking.map((file) => relative('.', file)).sort()).toEqual([...MOCKING_TESTS].sort());
  });
});
