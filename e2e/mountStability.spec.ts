import { expect, test } from '@playwright/test';
import { watchPage } from './helpers';

/**
 * The page mounts in stages after load (App.tsx, useStagedMount): what is on screen must not move as the later
 * stages (and the run's first report) arrive. Every frame from the first paint on, the main visible parts' boxes
 * are recorded (after each painted frame, from an init script); once the last stage has mounted and the run has
 * reported, every box each part had since it first appeared must lie within 1 px of its box at the end.
 */

type Box = [number, number, number, number];
interface Frame {
  part: string;
  box: Box;
}

/** The parts a user watches while the page loads (DESIGN.md §6: `controls`, `decision-boundary`, `loss-chart`). */
const PARTS: Record<string, string> = {
  'top bar': '.topbar',
  controls: '[data-testid="controls"]',
  plane: 'canvas[data-testid="decision-boundary"]',
  'loss chart': '[data-testid="loss-chart"]',
};

for (const [width, height] of [
  [1366, 768],
  [1920, 1080],
] as const) {
  test(`at ${width}×${height} nothing on screen moves as the page mounts its stages`, async ({ page, baseURL }) => {
    const watch = watchPage(page, baseURL);
    await page.setViewportSize({ width, height });
    await page.addInitScript((parts: Record<string, string>) => {
      const frames: Frame[] = [];
      const last = new Map<string, string>();
      const state = window as unknown as { mountFrames: Frame[]; stopMountWatch?: boolean };
      state.mountFrames = frames;
      const record = (): void => {
        for (const [part, selector] of Object.entries(parts)) {
          const element = document.querySelector(selector);
          if (!element) continue;
          const r = element.getBoundingClientRect();
          const box: Box = [r.left, r.top, r.right, r.bottom];
          const key = box.join(',');
          if (last.get(part) !== key) frames.push({ part, box });
          last.set(part, key);
        }
      };
      // Only what was painted: read in a task right after a frame (a message posted from its requestAnimationFrame
      // callback), and only when nothing in the page changed between that callback and the read (a change there,
      // from a later callback, a ResizeObserver such as the one publishing the top bar's height as --topbar-h, or a
      // task run before the message, was either painted with layout the read cannot see or not painted yet).
      let changed = false;
      new MutationObserver(() => (changed = true)).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        if (!changed) record();
        if (!state.stopMountWatch) requestAnimationFrame(frame);
      };
      const frame = (): void => {
        changed = false;
        channel.port2.postMessage(null);
      };
      requestAnimationFrame(frame);
    }, PARTS);
    await page.goto('/?backend=cpu');
    // The last stage (the runs table comes with it), and the run's first report (its step-0 losses).
    await expect(page.getByTestId('runs-list')).toBeAttached();
    await expect(page.getByTestId('train-loss')).toHaveText(/^\d/);
    await expect(page.getByTestId('decision-boundary')).toBeVisible();
    await expect(page.getByTestId('loss-chart').locator('.recharts-line').first()).toBeAttached();
    // Two more frames, so that what the last report set off has been laid out; then each part's box at rest.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const { frames, ends } = await page.evaluate((parts: Record<string, string>) => {
      const state = window as unknown as { mountFrames: Frame[]; stopMountWatch?: boolean };
      state.stopMountWatch = true;
      const rest: Record<string, Box | null> = {};
      for (const [part, selector] of Object.entries(parts)) {
        const r = document.querySelector(selector)?.getBoundingClientRect();
        rest[part] = r ? [r.left, r.top, r.right, r.bottom] : null;
      }
      return { frames: state.mountFrames, ends: rest };
    }, PARTS);
    for (const part of Object.keys(PARTS)) {
      const end = ends[part];
      expect(end, `${part} is on the page`).not.toBeNull();
      const boxes = frames.filter((frame) => frame.part === part).map((frame) => frame.box);
      expect(boxes.length, `${part} was painted`).toBeGreaterThan(0);
      // The largest distance of any edge (left, top, right, bottom) from where it ends, over every painted frame.
      const moved = Math.max(...boxes.map((box) => Math.max(...box.map((edge, i) => Math.abs(edge - (end?.[i] ?? edge))))));
      expect(moved, `${part}: its boxes over the load ${JSON.stringify(boxes)}, at rest ${JSON.stringify(end)}`).toBeLessThanOrEqual(1);
    }
    expect(watch.errors).toEqual([]);
  });
}
