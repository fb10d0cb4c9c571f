/**
 * Where things sit on the plane view and what the pointer reads there, free of the DOM. The plane covers
 * [−extent, extent]² (extent 1 for the generated sets, 2–3 for standardised real features), x to the right,
 * y up; the worker's grid holds gridSize² cells of `outputSize` values each, row 0 at the top.
 */
import { GENERATED_DATASETS, planeAxisNames, type Problem } from '../../engine/data/problem';
import { argmaxAt } from './classColors';

/** A point's position in a square picture of `size` pixels. */
export function toPlanePixel(x: number, y: number, extent: number, size: number): [number, number] {
  const e = extent > 0 ? extent : 1;
  return [((x / e + 1) / 2) * size, ((1 - y / e) / 2) * size];
}

/** The plane coordinates under a pointer at fractions (u, v) of the picture's width and height (v down). */
export function fromPlaneFraction(u: number, v: number, extent: number): [number, number] {
  const e = extent > 0 ? extent : 1;
  return [(2 * u - 1) * e, (1 - 2 * v) * e];
}

/** The index of the grid cell under fractions (u, v), clamped to the grid. */
export function gridCellAt(u: number, v: number, gridSize: number): number {
  const clamp = (t: number): number => Math.min(gridSize - 1, Math.max(0, Math.floor(t * gridSize)));
  return clamp(v) * gridSize + clamp(u);
}

/** Generated sets are drawn in their own units; shipped and CSV features are standardised (mean 0, sd 1). */
export function isStandardised(problem: Problem): boolean {
  return !(GENERATED_DATASETS as readonly string[]).includes(problem.dataset);
}

function signed(value: number): string {
  return value.toFixed(2).replace('-', '−');
}

/** "(x₁ 0.25, x₂ −0.50)", or with standardised features "(petal length (cm) 1.20 sd, …)". */
export function formatPlacement(problem: Problem, x: number, y: number): string {
  const [nameX, nameY] = planeAxisNames(problem);
  const unit = isStandardised(problem) ? ' sd' : '';
  return `(${nameX} ${signed(x)}${unit}, ${nameY} ${signed(y)}${unit})`;
}

function className(problem: Problem, index: number): string {
  return problem.classNames?.[index] ?? String(index);
}

/** What the pointer reads at fractions (u, v) of the plane, or null without a grid. */
export function planeReadout(problem: Problem, grid: Float32Array | null, gridSize: number, u: number, v: number): string | null {
  if (!grid || gridSize <= 0) return null;
  const cell = gridCellAt(u, v, gridSize);
  const [x, y] = fromPlaneFraction(u, v, problem.extent);
  const where = formatPlacement(problem, x, y);
  if (problem.task === 'classes') {
    const classes = problem.outputSize;
    const { index, value } = argmaxAt(grid, cell * classes, classes);
    return `class ${className(problem, index)} (p = ${value.toFixed(2)}) at ${where}`;
  }
  const value = grid[cell * Math.max(1, problem.outputSize)];
  if (problem.task === 'regression') return `prediction ${value.toFixed(3).replace('-', '−')} at ${where}`;
  return `P(class ${className(problem, 1)}) = ${value.toFixed(3)} at ${where}`;
}
