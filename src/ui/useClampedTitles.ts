/**
 * Help text cut to two lines (layout.css, the Training strip) shows all of it while its control has focus; a mouse
 * user gets it as the tooltip: every `.help` under the element whose text is cut carries it whole as its title, and
 * one that is not cut carries none (a tooltip repeating what is on screen is noise). Kept current as the texts
 * change (a MutationObserver) and as the widths change (a ResizeObserver): a wider window may uncut a line.
 */
import { useEffect, useRef } from 'react';

/** True when the element's text runs past its box (what line-clamp leaves out). */
export function isCut(element: { scrollHeight: number; clientHeight: number }): boolean {
  return element.scrollHeight > element.clientHeight + 1;
}

/** `mounted`: whether the element is on the page now (App renders the strip only outside presenter mode). */
export function useClampedTitles<T extends HTMLElement>(mounted: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const update = (): void => {
      for (const help of Array.from(root.querySelectorAll<HTMLElement>('.help'))) {
        const text = help.textContent?.trim() ?? '';
        // A focused control shows its help whole: keep the title it had, the text is the same.
        if (help.closest('.control')?.matches(':focus-within')) continue;
        if (isCut(help) && text) help.title = text;
        else help.removeAttribute('title');
      }
    };
    // No update() here: the ResizeObserver's first report, after the next layout, does it without forcing one
    // inside React's commit (issue 20 §7).
    const mutations = new MutationObserver(update);
    mutations.observe(root, { childList: true, characterData: true, subtree: true });
    const resizes = new ResizeObserver(update);
    resizes.observe(root);
    return () => {
      mutations.disconnect();
      resizes.disconnect();
    };
  }, [mounted]);
  return ref;
}
