/**
 * Presenter mode: on or off (never stored: a reload starts on the ordinary page). Entering asks for the
 * Fullscreen API where the browser allows it (a key press or click is the user gesture it needs); leaving
 * fullscreen by the browser's own Esc leaves presenter mode too (usePresenterFullscreen). The stage opens at
 * its top wherever the page was scrolled, and leaving returns to where the page was (usePresenterScroll).
 */
import { useEffect, useLayoutEffect } from 'react';
import { create } from 'zustand';

/**
 * The views the stage can show: the open scene's card (what to watch), the plane (or the image gallery), the
 * loss chart, the learning rate each step used (for a schedule's story: cyclical against constant), the
 * targets panel. All but the rate at first.
 */
export const PRESENTER_VIEWS = ['scene', 'output', 'loss', 'rate', 'targets'] as const;
export type PresenterView = (typeof PRESENTER_VIEWS)[number];
const FIRST_VIEWS: PresenterView[] = ['scene', 'output', 'loss', 'targets'];

interface PresenterState {
  on: boolean;
  views: PresenterView[];
  set: (on: boolean) => void;
  toggleView: (view: PresenterView) => void;
}

/** Where the page was scrolled when the stage opened, until leaving puts it back. */
let pageScroll: { x: number; y: number } | null = null;

export const usePresenterStore = create<PresenterState>()((set, get) => ({
  on: false,
  views: [...FIRST_VIEWS],
  set: (on) => {
    // Read before the stage replaces the page: once it has, the browser may already have clamped the scroll.
    if (on && !get().on && typeof window !== 'undefined') pageScroll = { x: window.scrollX, y: window.scrollY };
    set({ on });
  },
  toggleView: (view) => set((state) => ({ views: state.views.includes(view) ? state.views.filter((v) => v !== view) : PRESENTER_VIEWS.filter((v) => v === view || state.views.includes(v)) })),
}));

export function enterPresenter(): void {
  usePresenterStore.getState().set(true);
  const root = typeof document !== 'undefined' ? document.documentElement : null;
  if (root && !document.fullscreenElement && typeof root.requestFullscreen === 'function') {
    // Refused without a user gesture, in a frame without permission, or headless: the stage works without it.
    root.requestFullscreen().catch(() => undefined);
  }
}

export function leavePresenter(): void {
  usePresenterStore.getState().set(false);
  if (typeof document !== 'undefined' && document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
}

export function togglePresenter(): void {
  if (usePresenterStore.getState().on) leavePresenter();
  else enterPresenter();
}

/** The browser handles Esc in fullscreen itself (the page never sees the key): follow its fullscreenchange. */
export function usePresenterFullscreen(): void {
  useEffect(() => {
    let wasFullscreen = Boolean(document.fullscreenElement);
    const onChange = (): void => {
      const now = Boolean(document.fullscreenElement);
      if (wasFullscreen && !now) usePresenterStore.getState().set(false);
      wasFullscreen = now;
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
}

/**
 * The stage starts at its top (left open, the page's scroll would show the stage from the middle: only the
 * targets, the plane above the fold); leaving scrolls the page back to where it was when the stage opened.
 * A layout effect, so neither scroll is painted. The page's charts take their measured height in the renders
 * that follow (the output panel grows by some 300 px), and the browser's scroll anchoring then moves the
 * page by as much: the scroll is set once more in the next frame, once they have.
 */
export function usePresenterScroll(): void {
  const on = usePresenterStore((s) => s.on);
  useLayoutEffect(() => {
    if (on) {
      window.scrollTo({ left: 0, top: 0, behavior: 'instant' });
      return;
    }
    const back = pageScroll;
    pageScroll = null;
    if (!back) return;
    const restore = (): void => window.scrollTo({ left: back.x, top: back.y, behavior: 'instant' });
    restore();
    const frame = requestAnimationFrame(restore);
    return () => cancelAnimationFrame(frame);
  }, [on]);
}
