/**
 * The alignment chart's "90°: no descent" label (issue 19 review) is clear of the curves: no point of any
 * curve falls inside its box. Screenshots into CHARTAXES_SHOTS at 1024×768, 1366×768 and 1920×1080, light and dark.
 */
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, pauseAndSettle, savePicture, waitForSteps } from './helpers';

const SHOTS = process.env.CHARTAXES_SHOTS;
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

/** Every vertex of the chart's curves, per curve, in page pixels. */
async function curvePoints(page: Page): Promise<{ x: number; y: number }[][]> {
  return page.getByTestId('alignment-chart').locator('.recharts-line path.recharts-curve').evaluateAll((paths) =>
    paths.map((path) => {
      const el = path as SVGPathElement;
      const matrix = el.getScreenCTM();
      const svg = el.ownerSVGElement;
      if (!matrix || !svg) return [];
      return [...(el.getAttribute('d') ?? '').matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => {
        const p = svg.createSVGPoint();
        p.x = Number(m[1]);
        p.y = Number(m[2]);
        const q = p.matrixTransform(matrix);
        return { x: q.x, y: q.y };
      });
    }),
  );
}

/** Whether any vertex of the chart's curves lies inside the label's box (both in page pixels). */
async function labelHitsCurve(page: Page): Promise<boolean> {
  const chart = page.getByTestId('alignment-chart');
  const label = await chart.locator('.recharts-label').filter({ hasText: 'no descent' }).boundingBox();
  expect(label).not.toBeNull();
  const points = await curvePoints(page);
  expect(points.flat().length).toBeGreaterThan(10);
  const box = label ?? { x: 0, y: 0, width: 0, height: 0 };
  const inside = (p: { x: number; y: number }): boolean => p.x >= box.x && p.x <= box.x + box.width && p.y >= box.y && p.y <= box.y + box.height;
  // Every vertex, and 20 points along each segment between neighbours (a curve may cross the box between two).
  return points.some((line) => line.some((p, i) => inside(p) || (i > 0 && Array.from({ length: 20 }, (_, k) => ({ x: line[i - 1].x + ((p.x - line[i - 1].x) * k) / 20, y: line[i - 1].y + ((p.y - line[i - 1].y) * k) / 20 })).some(inside))));
}

test('the alignment chart names its 90° line clear of the curves', async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu&algorithm=feedback-alignment&optimizer=sgd&learningRate=0.1&hidden=6,4&seed=3');
  await page.getByTestId('play').click();
  // Early on, while the hidden layers' angles are still near 90° (the reviewer saw the old label drawn over them there).
  await waitForSteps(page, 300, 60_000);
  await pauseAndSettle(page);
  const chart = page.getByTestId('alignment-chart');
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') await page.getByTestId('theme-toggle').click();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await chart.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      expect(await labelHitsCurve(page)).toBe(false);
      if (SHOTS) await chart.screenshot({ path: `${SHOTS}/alignment-${theme}-${size.width}.png` });
    }
  }
});

test('backprop’s 0° lines are drawn above the x axis, not under it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  // Backprop with plain SGD: every layer's update is the gradient, 0°.
  await openPlayground(page, '?backend=cpu&algorithm=backprop&optimizer=sgd&learningRate=0.1&hidden=6,4&seed=3');
  await page.getByTestId('play').click();
  await waitForSteps(page, 60, 60_000);
  await pauseAndSettle(page);
  const chart = page.getByTestId('alignment-chart');
  await chart.scrollIntoViewIfNeeded();
  await expect.poll(async () => (await curvePoints(page)).flat().length).toBeGreaterThan(3);
  const axis = await chart.locator('.recharts-xAxis .recharts-cartesian-axis-line').boundingBox();
  if (!axis) throw new Error('no x axis line');
  const lowest = Math.max(...(await curvePoints(page)).flat().map((p) => p.y));
  // The lines (1.6 px wide) clear the axis line: they sat on it, hidden under it.
  expect(axis.y - lowest).toBeGreaterThanOrEqual(3);
  if (SHOTS) for (const size of SIZES) {
    await page.setViewportSize(size);
    await chart.scrollIntoViewIfNeeded();
    await savePicture(chart, `${SHOTS}/alignment-backprop-${size.width}.png`);
  }
});
