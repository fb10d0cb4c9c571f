/**
 * No module the build bundles has a top-level await. Rolldown turns its chunk optimizations off for the whole
 * build when any module has one (its `experimental.chunkOptimization`: common chunks merged into the chunk that
 * loads them, no chunk fetched again by a dynamic import; "automatically disabled when any module uses top-level
 * await", node_modules/rolldown's option types). 924510c's `await` in ui/panels/probeCharts.ts split the page's first
 * load into 18 script files instead of 5 and cost about 100 ms a page load (DESIGN §7), in every e2e test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What the page's, the workers' and the e2e build's test page's bundles are made of; tests and their helpers are not bundled. */
const BUNDLED = ['src', 'e2e/fused'];
const isBundled = (path: string): boolean => /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path) && !path.startsWith('src/test/');

/** A function's body (and a class's, whose static blocks cannot await) is not the module's top level. */
const opensScope = (node: ts.Node): boolean => ts.isFunctionLike(node) || ts.isClassLike(node);

/** The lines (1-based) of the module's top-level `await`s and `for await` loops. */
function topLevelAwaitLines(source: string, fileName = 'module.ts'): number[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (opensScope(node)) return;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined)) {
      lines.push(file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return lines;
}

const bundledFiles = (): string[] =>
  BUNDLED.flatMap((folder) => readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' }).map((path) => relative(ROOT, join(ROOT, folder, path))))
    .map((path) => path.split('\\').join('/'))
    .filter(isBundled);

describe('no top-level await in a bundled module', () => {
  it('finds an await at the top level, and none inside a function or a class', () => {
    const source = [
      "import { load } from './load';",
      'export const charts = await Promise.all([load()]);',
      'for await (const chunk of load()) void chunk;',
      'export async function later() { return await load(); }',
      'export const arrow = async () => { await load(); };',
      'class C { async m() { await load(); } }',
      'void C;',
    ].join('\n');
    expect(topLevelAwaitLines(source)).toEqual([2, 3]);
  });

  it('none in the page’s, the workers’ or the fused test page’s modules', () => {
    const files = bundledFiles();
    expect(files).toContain('src/ui/panels/probeCharts.ts');
    const found = files.flatMap((path) => {
      const source = readFileSync(join(ROOT, path), 'utf8');
      // Parsed only where the word occurs: most modules have no await at all.
      return source.includes('await') ? topLevelAwaitLines(source, path).map((line) => `${path}:${line}`) : [];
    });
    expect(found).toEqual([]);
  });
});
