/**
 * The `--disable-features` switch the e2e suite gives Chromium. Chromium keeps only the last value of a switch given
 * twice, so a second `--disable-features` would replace Playwright's own list whole (its `chromiumSwitches.ts`:
 * network calls at start-up, paint holding, storage partitioning…). This list therefore repeats Playwright's and adds
 * ours; `chromiumFeatures.test.ts` checks it against the installed Playwright.
 */

/** Playwright 1.65's own list (playwright-core, server/chromium/chromiumSwitches.ts). */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
] as const;

/**
 * Chromium 156 builds the address bar's suggestion popups (chrome://omnibox-popup.top-chrome/, the classic one and
 * the AI-mode one) as WebUI pages, in a renderer of their own, for every new window: so for every test's browser
 * context. Measured on this 2-core machine, 5 contexts of an empty page, twice: 2,340 ms of CPU per context with
 * them, 760 ms without. A headless test never opens the address bar.
 */
export const OMNIBOX_WEBUI_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'] as const;

export const DISABLE_FEATURES_SWITCH = `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OMNIBOX_WEBUI_FEATURES].join(',')}`;
