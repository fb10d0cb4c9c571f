/**
 * The colour theme on the page: the stored choice (viewStore's `theme`), or the system's prefers-color-scheme
 * while the choice is 'system'. It is written as `data-theme` on <html>, where styles.css swaps its CSS
 * variables (Recharts' grid and ticks follow them there too).
 */
import { useLayoutEffect, useSyncExternalStore } from 'react';
import { effectiveTheme, useViewStore } from '../../state/viewStore';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribeToSystem(onChange: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => undefined;
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const systemPrefersDark = (): boolean => typeof window !== 'undefined' && Boolean(window.matchMedia?.(DARK_QUERY).matches);

/** The theme shown now, following the system while the choice is 'system'. */
export function useEffectiveTheme(): 'light' | 'dark' {
  const choice = useViewStore((s) => s.theme);
  const dark = useSyncExternalStore(subscribeToSystem, systemPrefersDark, () => false);
  return effectiveTheme(choice, dark);
}

/**
 * Keeps <html data-theme> on the theme shown. A layout effect: it runs before any component's passive effect,
 * so a canvas redrawn for the new theme (targets/LayerCard.tsx) reads the new theme's colours.
 */
export function useThemeAttribute(): void {
  const theme = useEffectiveTheme();
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}

// Before the first render, so the page does not flash light on a dark system (the store hydrates synchronously).
if (typeof document !== 'undefined') document.documentElement.dataset.theme = effectiveTheme(useViewStore.getState().theme, systemPrefersDark());
