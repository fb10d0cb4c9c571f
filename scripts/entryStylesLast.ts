/**
 * The entry's own stylesheet last among the page's stylesheet links. The entry's CSS holds the page's rules
 * (styles.css, layout.css, presenter mode's presenter.css), which must override the panels' rules at equal
 * specificity (src/ui/stages/panelStyles.ts). A panel's CSS that Rolldown puts in a chunk the entry shares with
 * lazily loaded chunks (charts.css since the probe charts load lazily, 924510c) is linked from index.html as its
 * own file, and Vite may link it after the entry's: then `.chart-controls.chart-options { display: block }`
 * beat presenter mode's `.presenter-stage .chart-controls { display: none }`, and the stage showed the charts'
 * tool rows and overflowed at 1024×768 (e2e/presenter.spec, e2e/presenterFit.spec).
 */
import type { Plugin } from 'vite';

const STYLESHEET_LINK = /<link rel="stylesheet"[^>]*href="([^"]+)"[^>]*>\n?/g;

/** `html` with the stylesheet links whose file name starts with `${entryName}-` moved after every other stylesheet link. */
export function moveEntryStylesLast(html: string, entryName: string): string {
  const isEntry = (href: string): boolean => (href.split('/').pop() ?? '').startsWith(`${entryName}-`);
  const links = [...html.matchAll(STYLESHEET_LINK)];
  const entryLinks = links.filter((m) => isEntry(m[1])).map((m) => m[0]);
  const firstEntry = links.findIndex((m) => isEntry(m[1]));
  if (entryLinks.length === 0 || links.slice(firstEntry).every((m) => isEntry(m[1]))) return html;
  const without = html.replace(STYLESHEET_LINK, (whole: string, href: string) => (isEntry(href) ? '' : whole));
  const others = [...without.matchAll(STYLESHEET_LINK)];
  if (others.length === 0) return html;
  const last = others[others.length - 1];
  const at = (last.index ?? 0) + last[0].length;
  return without.slice(0, at) + entryLinks.map((link) => link.replace(/\n?$/, '\n')).join('') + without.slice(at);
}

export function entryStylesLast(): Plugin {
  return {
    name: 'locolab-entry-styles-last',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html, context) => {
        // The entry's own CSS is named after it (assets/main-<hash>.css); its importedCss also lists the shared chunks' CSS.
        const entryName = context.chunk?.name;
        return entryName ? moveEntryStylesLast(html, entryName) : html;
      },
    },
  };
}
