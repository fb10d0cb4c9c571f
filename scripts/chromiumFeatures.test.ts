import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISABLE_FEATURES_SWITCH, PLAYWRIGHT_DISABLED_FEATURES } from './chromiumFeatures';

/** The feature names in the installed Playwright's `disabledFeatures = [ … ]` (its launch defaults for Chromium). */
function installedPlaywrightDisabledFeatures(): string[] {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('playwright-core/package.json'));
  const bundle = readFileSync(join(root, 'lib', 'coreBundle.js'), 'utf8');
  const start = bundle.indexOf('disabledFeatures = [');
  const end = bundle.indexOf(']', start);
  if (start < 0 || end < 0) throw new Error('Playwright no longer declares disabledFeatures in lib/coreBundle.js: read its chromiumSwitches again');
  return [...bundle.slice(start, end).matchAll(/^\s*"(\w+)"/gm)].map((match) => match[1]);
}

describe("the e2e suite's --disable-features", () => {
  it("keeps every feature the installed Playwright disables, since Chromium keeps only the last --disable-features", () => {
    const installed = installedPlaywrightDisabledFeatures();
    expect(installed.length).toBeGreaterThan(5);
    expect([...PLAYWRIGHT_DISABLED_FEATURES].sort()).toEqual([...installed].sort());
  });

  it('is one switch that adds the omnibox WebUI popups to that list', () => {
    const names = DISABLE_FEATURES_SWITCH.replace('--disable-features=', '').split(',');
    expect(names).toEqual(expect.arrayContaining([...PLAYWRIGHT_DISABLED_FEATURES, 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup']));
    expect(new Set(names).size).toBe(names.length);
  });
});
