/**
 * The address fuzz in the browser: a sample of the generated addresses (src/test/addressFuzz.ts) each loads a
 * working page that names every bad field in its status and trains a step now and then. The whole list of
 * 300 goes through the same decoder and status wording in a unit test (src/config/addressFuzz.test.ts), in a
 * second instead of minutes: the browser adds the page itself (no page error, the status rendered, a step).
 */
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { allCases } from '../src/test/addressFuzz';

/** The browser's sample: the fixed cases and the first generated ones. */
const BROWSER_CASES = 15;
/** Every STEP_EVERY-th page also takes one training step. */
const STEP_EVERY = 10;
const LOAD_TIMEOUT_MS = 20_000;

/** Resolves when the untrained network has been evaluated; rejects on a page error or after the timeout. */
async function waitForEvaluation(page: Page, pageErrors: string[]): Promise<void> {
  const before = pageErrors.length;
  const deadline = Date.now() + LOAD_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (pageErrors.length > before) throw new Error(`page error: ${pageErrors[pageErrors.length - 1]}`);
    const loss = await page.getByTestId('train-loss').textContent({ timeout: 1000 }).catch(() => null);
    if (loss !== null && /^\d/.test(loss)) return;
    await page.waitForTimeout(25);
  }
  throw new Error('the untrained network was not evaluated in time');
}

/** Addresses per test: each test is one page that loads them in turn, with a time limit for its share. */
const PER_TEST = 15;
const CASES_LIST = allCases().slice(0, BROWSER_CASES);

for (let first = 0; first < CASES_LIST.length; first += PER_TEST) {
  const cases = CASES_LIST.slice(first, first + PER_TEST);
  const last = first + cases.length - 1;
  test(`generated addresses #${first}–#${last} of ${CASES_LIST.length} each load a working page that names every bad field`, async ({ page }) => {
    // About 1 s a page here, several under load: the time limit is for PER_TEST pages, not all of them.
    test.setTimeout(240_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const failures: string[] = [];
    let unnamed = 0;
    let falseAlarms = 0;
    let stepped = 0;
    const started = Date.now();
    for (const [offset, { query, bad }] of cases.entries()) {
      const index = first + offset;
      const label = `#${index} ${query.slice(0, 200)}`;
      try {
        await page.goto(`/${query}`);
        await waitForEvaluation(page, pageErrors);
        const message = page.locator('[data-testid="status"] [data-code="url"] .message-text');
        const text = (await message.count()) > 0 ? ((await message.textContent()) ?? '') : '';
        const missing = [...bad].filter((key) => !text.includes(`"${key}"`));
        const counted = Number(/^From the address: (\d+) settings? could not be used/.exec(text)?.[1] ?? 0);
        unnamed += missing.length;
        if (missing.length > 0) failures.push(`${label}: not named ${JSON.stringify(missing)} in ${JSON.stringify(text.slice(0, 300))}`);
        if (counted !== bad.size) {
          falseAlarms += Math.max(counted - bad.size, 0);
          failures.push(`${label}: the status counts ${counted} settings, the generator made ${bad.size} bad: ${JSON.stringify(text.slice(0, 300))}`);
        }
        if (index % STEP_EVERY === 0) {
          await page.getByTestId('step').click();
          await expect(page.getByTestId('step-count')).toHaveText('1', { timeout: LOAD_TIMEOUT_MS });
          stepped++;
        }
      } catch (error) {
        failures.push(`${label}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(
      `URL fuzz #${first}–#${last}: ${cases.length} URLs tried, ${stepped} stepped, ${pageErrors.length} page errors, ${unnamed} unnamed bad fields, ` +
        `${falseAlarms} false alarms, ${failures.length} failing URLs, ${seconds} s`,
    );
    expect(failures).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
}
