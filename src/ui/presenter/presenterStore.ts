/**
 * Presenter mode: on or off (never stored: a reload starts on the ordinary page). Entering asks for the
 * Fullscreen API where the browser allows it (a key press or click is the user gesture it needs); leaving
 * fullscreen by the browser's own Esc leaves presenter mode too (usePresenterFullscreen).
 */
import { useEffect } from 'react';
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

export const usePresenterStore = create<PresenterState>()((set) => ({
  on: false,
  views: [...FIRST_VIEWS],
  set: (on) => set({ on }),
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
