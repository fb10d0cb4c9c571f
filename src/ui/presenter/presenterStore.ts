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
 * learning-rate range test (L starts one), accuracy over training, an Explain panel, the targets panel.
 */
export const PRESENTER_VIEWS = ['scene', 'output', 'loss', 'rate', 'range', 'accuracy', 'explain', 'targets'] as const;
export type PresenterView = (typeof PRESENTER_VIEWS)[number];
const FIRST_VIEWS: PresenterView[] = ['scene', 'output', 'loss'];

/**
 * The views the stage opens with: the scene card, the plane and the loss; those the compared runs' algorithms ask
 * for (their descriptions' `stageViews`: LocoProp's layer targets); and what the open scene's text points at (its
 * `stageViews`: one-cycle's "the learning-rate chart shows both policies").
 */
export function openingViews(sceneViews: readonly PresenterView[], algorithmViews: readonly PresenterView[]): PresenterView[] {
  const wanted = new Set<PresenterView>([...FIRST_VIEWS, ...sceneViews, ...algorithmViews]);
  return PRESENTER_VIEWS.filter((view) => wanted.has(view));
}

interface PresenterState {
  on: boolean;
  views: PresenterView[];
  set: (on: boolean) => void;
  toggleView: (view: PresenterView) => void;
  /** Puts a view on the stage if it is not there (a range test started on the stage shows its chart). */
  showView: (view: PresenterView) => void;
  /** What `views` were last opened for (the scene and the views the compared algorithms ask for). */
  openedFor: string | null;
  /**
   * Sets the views the stage opens with for `key`, unless they were already set for it: leaving and coming back
   * to the same comparison keeps the presenter's own choice.
   */
  openFor: (key: string, views: PresenterView[]) => void;
}

/** `views` with `view` switched, in PRESENTER_VIEWS' order. */
export function toggledViews(views: readonly PresenterView[], view: PresenterView): PresenterView[] {
  return views.includes(view) ? views.filter((v) => v !== view) : PRESENTER_VIEWS.filter((v) => v === view || views.includes(v));
}

/**
 * Where the page was when the stage opened, until leaving puts it back: the scroll, and the first panel on
 * screen (named by its heading's id, as the page's panels are mounted afresh) with where its top stood.
 */
let pageScroll: { x: number; y: number; panel: string | null; top: number } | null = null;

/**
 * Whether the page's scroll moves the element: not inside a sticky or fixed box (on a wide screen the settings
 * keep their own scroll beside the output, ui/layout.css, and stay where they are whatever the page's scroll).
 */
function movesWithPage(element: Element): boolean {
  for (let box = element.parentElement; box; box = box.parentElement) {
    const position = getComputedStyle(box).position;
    if (position === 'sticky' || position === 'fixed') return false;
  }
  return true;
}

/**
 * The panel (a section named by a heading) to hold in place: the highest one whose top is on screen, as a
 * reader's eye would use (a tall panel of another column that merely reaches into view would not move when
 * charts above this one grow); else the first that reaches into the viewport.
 */
function panelInView(): { panel: string | null; top: number } {
  const sections = Array.from(document.querySelectorAll('section[aria-labelledby]')).filter(movesWithPage);
  const boxes = sections.map((section) => ({ panel: section.getAttribute('aria-labelledby'), box: section.getBoundingClientRect() }));
  const starting = boxes.filter(({ box }) => box.top >= 0 && box.top < window.innerHeight && box.height > 0).sort((a, b) => a.box.top - b.box.top)[0];
  const reaching = boxes.find(({ box }) => box.bottom > 0 && box.height > 0);
  const chosen = starting ?? reaching;
  return chosen ? { panel: chosen.panel, top: chosen.box.top } : { panel: null, top: 0 };
}

export const usePresenterStore = create<PresenterState>()((set, get) => ({
  on: false,
  views: [...FIRST_VIEWS],
  set: (on) => {
    // Read before the stage replaces the page: once it has, the browser may already have clamped the scroll.
    if (on && !get().on && typeof window !== 'undefined') pageScroll = { x: window.scrollX, y: window.scrollY, ...panelInView() };
    set({ on });
  },
  toggleView: (view) => set((state) => ({ views: toggledViews(state.views, view) })),
  showView: (view) => set((state) => (state.views.includes(view) ? state : { views: toggledViews(state.views, view) })),
  openedFor: null,
  openFor: (key, views) => set((state) => (state.openedFor === key ? state : { openedFor: key, views })),
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

/** How long after leaving the page keeps its panel in place while charts above it take their height. */
const SETTLE_MS = 3000;

/**
 * The stage starts at its top (left open, the page's scroll would show the stage from the middle: only the
 * targets, the plane above the fold); leaving puts back the panel that was first on screen where it stood.
 * A layout effect, so neither scroll is painted. The page's charts above it take their measured height in the
 * renders that follow (the output panel grows by some 300 px, later on a loaded machine), so the page follows
 * every change of its size for a few seconds, until the person scrolls or presses a key themselves.
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
    const restore = (): void => {
      const panel = back.panel ? document.querySelector(`section[aria-labelledby="${CSS.escape(back.panel)}"]`) : null;
      if (!panel) {
        window.scrollTo({ left: back.x, top: back.y, behavior: 'instant' });
        return;
      }
      const drift = panel.getBoundingClientRect().top - back.top;
      if (Math.abs(drift) >= 1) window.scrollBy({ left: 0, top: drift, behavior: 'instant' });
    };
    restore();
    const frame = requestAnimationFrame(restore);
    const resized = new ResizeObserver(restore);
    resized.observe(document.body);
    const stop = (): void => {
      resized.disconnect();
      window.clearTimeout(timer);
      for (const event of USER_SCROLL_EVENTS) window.removeEventListener(event, stop);
    };
    const timer = window.setTimeout(stop, SETTLE_MS);
    for (const event of USER_SCROLL_EVENTS) window.addEventListener(event, stop, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      stop();
    };
  }, [on]);
}

/** What a person does to move the page themselves: the page stops holding its panel in place. */
const USER_SCROLL_EVENTS = ['wheel', 'keydown', 'pointerdown', 'touchstart'] as const;
