/**
 * The `page` most e2e tests get: one page per Playwright worker, handed from test to test, instead of a new
 * browser context and page for each. A test's first load of the app then costs about half the CPU: measured on
 * this 2-core machine (the CPU-backend page, 8 loads each, Chromium's processes summed): a new context and page
 * 3.2–3.5 s of CPU a load; the same page, from a same-origin document, 1.8–1.9 s. The app is cross-origin isolated
 * (COOP/COEP), so leaving it for about:blank swaps the renderer process (2.4–2.8 s a load); a same-origin document
 * (`NEUTRAL_PATH`, served with the same headers) keeps the process and its compiled code.
 *
 * Between two tests the page goes to that document (so the last test's app is gone before anything is cleared),
 * the origin's stored data is cleared (the app keeps preferences and sweeps in localStorage), and the viewport,
 * the emulated media and the listeners are put back as a new page has them. A test that failed, or closed its
 * page, leaves it: the next test gets a new context and page.
 *
 * A test that installs an init script takes `freshPage`, a page in a context of its own; spec files that change
 * the context for good (routes, a fake clock) import `@playwright/test` directly and get a new context per test,
 * as Playwright makes them.
 */
import { test as base, type BrowserContext, type Page } from '@playwright/test';

export { expect } from '@playwright/test';

/** A small static file of the app's origin, served with its COOP/COEP headers (vite.config.ts `preview`). */
const NEUTRAL_PATH = '/favicon.svg';

/** What the origin may have stored: the app uses localStorage; the rest is cleared in case a test left some. */
const STORAGE_TYPES = 'local_storage,indexeddb,cookies,cache_storage,service_workers,file_systems';

interface HeldPage {
  context: BrowserContext | null;
  page: Page | null;
}

export const test = base.extend<{ freshPage: Page }, { heldPage: HeldPage }>({
  /** A page in a new context of its own, for a test that installs an init script (it would stay on the shared page). */
  freshPage: async ({ browser, baseURL, viewport }, provide) => {
    const context = await browser.newContext({ baseURL, viewport });
    await provide(await context.newPage());
    await context.close();
  },

  heldPage: [
    // Playwright reads a fixture's dependencies from its first parameter's pattern: this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, provide) => {
      const held: HeldPage = { context: null, page: null };
      await provide(held);
      await held.context?.close();
    },
    { scope: 'worker' },
  ],

  page: async ({ browser, heldPage, baseURL, viewport }, provide, testInfo) => {
    if (!baseURL) throw new Error('e2e/fixtures.ts: the shared page needs a baseURL');
    if (heldPage.page === null || heldPage.page.isClosed()) {
      await heldPage.context?.close().catch(() => undefined);
      heldPage.context = await browser.newContext({ baseURL, viewport });
      heldPage.page = await heldPage.context.newPage();
    }
    const page = heldPage.page;
    await page.goto(NEUTRAL_PATH);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: new URL(baseURL).origin, storageTypes: STORAGE_TYPES });
    await cdp.detach();
    if (viewport) await page.setViewportSize(viewport);
    await page.emulateMedia({ media: 'screen', colorScheme: 'light', reducedMotion: 'no-preference', forcedColors: 'none' });

    await provide(page);

    page.removeAllListeners();
    if (testInfo.status !== testInfo.expectedStatus || page.isClosed()) {
      await heldPage.context?.close().catch(() => undefined);
      heldPage.context = null;
      heldPage.page = null;
    }
  },
});
