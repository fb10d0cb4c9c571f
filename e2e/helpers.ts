import { expect, type Page } from '@playwright/test';

/** Console errors, uncaught exceptions, requests to any origin but the page's own, and every address asked for. */
export interface PageWatch {
  errors: string[];
  foreignRequests: string[];
  /** The page's and its workers' requests, in order. */
  requests: string[];
}

export function watchPage(page: Page, baseURL: string | undefined): PageWatch {
  const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
  const watch: PageWatch = { errors: [], foreignRequests: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  page.on('request', (request) => {
    const url = new URL(request.url());
    watch.requests.push(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.origin !== origin) watch.foreignRequests.push(request.url());
  });
  return watch;
}

export async function readNumber(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).textContent());
}

/** Opens the playground and waits until the untrained network has been evaluated. */
export async function openPlayground(page: Page, query: string): Promise<void> {
  await page.goto(`/${query}`);
  await expect(page.getByTestId('step-count')).toHaveText('0');
  await expect(page.getByTestId('train-loss')).toHaveText(/^\d/, { timeout: 60_000 });
  // The page mounts in stages (App.tsx); the runs list comes with the last one.
  await expect(page.getByTestId('runs-list')).toBeAttached({ timeout: 60_000 });
}

/**
 * Opens the loss chart's "Chart options" (its window, log x, x axis, seed band, CSV and figure export sit behind
 * it, ChartOptions.tsx) when it is closed.
 */
export async function openChartOptions(page: Page): Promise<void> {
  const button = page.getByTestId('loss-chart').getByTestId('loss-chart-options');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
}

export async function waitForSteps(page: Page, atLeast: number, timeout = 30_000): Promise<number> {
  await expect.poll(() => readNumber(page, 'step-count'), { timeout }).toBeGreaterThanOrEqual(atLeast);
  return readNumber(page, 'step-count');
}

/**
 * Presses pause (or does `pause`, a shortcut say) and waits until the step count has stopped moving: the tick
 * in flight when pause was pressed still reports, so the count read at the click can lag the run's last logged
 * step (on a loaded machine by more than 300 ms: CI saw 5 steps arrive after such a wait).
 */
export async function pauseAndSettle(
  page: Page,
  { interval = 400, timeout, pause = () => page.getByTestId('pause').click() }: { interval?: number; timeout?: number; pause?: () => Promise<void> } = {},
): Promise<number> {
  await pause();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false', timeout === undefined ? {} : { timeout });
  let previous = Number.NaN;
  await expect
    .poll(
      async () => {
        const now = await readNumber(page, 'step-count');
        const settled = now === previous;
        previous = now;
        return settled;
      },
      timeout === undefined ? { intervals: [interval] } : { intervals: [interval], timeout },
    )
    .toBe(true);
  return previous;
}

/**
 * Pictures of the views are for people to look at (docs/DESIGN.md §7), so they are taken only when asked:
 * `E2E_SCREENSHOTS=1` (`npm run test:screenshots`). In `npm test` nobody looks at them, and the suite's 160-odd
 * full-page PNGs cost about 0.6 s of CPU each (~50 s of CI's two cores).
 */
export const SCREENSHOTS = process.env.E2E_SCREENSHOTS === '1';

/** Saves a picture of a page or an element to `path` when pictures are asked for (SCREENSHOTS). */
export async function savePicture(target: { screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown> }, path: string, fullPage = false): Promise<void> {
  if (SCREENSHOTS) await target.screenshot(fullPage ? { path, fullPage } : { path });
}

/** A full-page picture, test-results/screenshots/<name>.png, when pictures are asked for (SCREENSHOTS). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await savePicture(page, `${process.env.E2E_OUTPUT ?? 'test-results'}/screenshots/${name}.png`, true);
}

/** One CSV line's fields (RFC 4180 quoting: run names hold commas). */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      out.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  out.push(field);
  return out;
}
