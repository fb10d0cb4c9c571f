import { expect, test, type Page } from '@playwright/test';
import { openPlayground, readNumber, waitForSteps, watchPage } from './helpers';

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

/** Records the page's CSP violation events from the first script on. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations?.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
}

/**
 * Proof that the policy is in force (so "no violation" means something): an inline script is refused on the
 * page, and a connection to another origin is refused in the worker, each with a violation event. (Code run
 * through the DevTools protocol, like page.evaluate's own, is exempt from CSP, so eval cannot show it.)
 */
async function inlineScriptRefused(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const seen = new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true }));
    const script = document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true;';
    document.head.append(script);
    const directive = await seen;
    window.cspViolations = [];
    return directive.startsWith('script-src') && !('inlineScriptRan' in window);
  });
}

async function foreignConnectionRefusedInWorker(page: Page): Promise<string> {
  const [worker] = page.workers();
  return worker.evaluate(async () => {
    const seen = new Promise<string>((resolve) => self.addEventListener('securitypolicyviolation', (e) => resolve((e as SecurityPolicyViolationEvent).violatedDirective), { once: true }));
    // A loopback address of another origin: CSP refuses it before any request is made.
    await fetch('http://127.0.0.2:9/').catch(() => undefined);
    return seen;
  });
}

// WebGL trains 150 steps and its loss must fall by a fifth: this is also the WebGL backend's training test (one
// WebGL page load, which compiles its shaders in software, instead of two).
for (const [backend, steps, lossFalls] of [['cpu', 200, false], ['webgl', 150, true], ['webgpu', 3, false]] as const) {
  test(`the CSP holds and nothing violates it while training on ${backend}${lossFalls ? ', and the loss falls' : ''}`, async ({ page, baseURL }) => {
    const watch = watchPage(page, baseURL);
    await recordViolations(page);
    const response = await page.goto(`/?backend=${backend}`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
    // The meta policy governs only what follows it: it must come before every script and stylesheet.
    const headOrder = await page.evaluate(() => Array.from(document.head.children, (e) => (e.getAttribute('http-equiv') === 'Content-Security-Policy' ? 'csp' : e.tagName.toLowerCase())));
    const csp = headOrder.indexOf('csp');
    expect(csp).toBeGreaterThanOrEqual(0);
    expect(headOrder.slice(0, csp).filter((tag) => tag === 'script' || tag === 'link' || tag === 'style')).toEqual([]);
    await expect(page.getByTestId('train-loss')).toHaveText(/^\d/, { timeout: 60_000 });
    await expect(page.getByTestId('backend')).toHaveText(backend);
    const initialLoss = await readNumber(page, 'train-loss');
    await page.getByTestId('play').click();
    await waitForSteps(page, steps, 60_000);
    if (lossFalls) await expect.poll(() => readNumber(page, 'train-loss')).toBeLessThan(initialLoss * 0.8);
    await page.getByTestId('pause').click();

    // The policy is in force on the page and in the training worker (so "no violation" means something).
    expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
    expect(watch.errors).toEqual([]); // CSP refusals are console errors too

    expect(await inlineScriptRefused(page)).toBe(true);
    expect(await foreignConnectionRefusedInWorker(page)).toBe('connect-src');
  });
}

test('tfjsflags in the address never reach TF.js: the page trains and names the key as unknown', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await openPlayground(page, '?backend=cpu&tfjsflags=DEBUG:true,IS_TEST:true');
  await expect(page.getByTestId('status')).toContainText('"tfjsflags"');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('1');
  expect(watch.errors).toEqual([]);
});
