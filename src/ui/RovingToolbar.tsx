/**
 * A row of buttons that is one Tab stop, as the WAI-ARIA Authoring Practices' Toolbar pattern has it
 * (https://www.w3.org/WAI/ARIA/apg/patterns/toolbar/): role="toolbar" with a name, a roving tabindex (the
 * last-focused button is the one in the Tab sequence, 0; the others -1), ←/→ move between the buttons (wrapping),
 * Home and End go to the first and the last. Each button keeps its own name and state (aria-pressed,
 * aria-expanded), so screen readers read them as before. The buttons are whatever the children render: their
 * tabindex is set on the DOM, so components shared with other bars (the presenter bar) need no change.
 */
import { useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

const ITEMS = 'button:not([disabled])';

/** The index the key moves to from `current` among `count` items, or null for a key the toolbar leaves alone. */
export function rovingTarget(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  if (key === 'ArrowRight') return (current + 1) % count;
  if (key === 'ArrowLeft') return (current - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

/**
 * `startAtPressed`: until a button has had focus, the one in the Tab sequence is the pressed one (a picker's
 * choice, aria-pressed="true"), not the first.
 */
export function RovingToolbar({ label, className, startAtPressed = false, children }: { label: string; className?: string; startAtPressed?: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const active = useRef(0);
  const focused = useRef(false);
  const items = (): HTMLElement[] => Array.from(ref.current?.querySelectorAll<HTMLElement>(ITEMS) ?? []);
  const settle = (): void => {
    const all = items();
    if (startAtPressed && !focused.current) active.current = Math.max(0, all.findIndex((item) => item.getAttribute('aria-pressed') === 'true'));
    if (active.current >= all.length) active.current = 0;
    // Written only where it changes: this runs after every render, and the bar's parent renders on every tick.
    all.forEach((item, i) => {
      const tabIndex = i === active.current ? 0 : -1;
      if (item.tabIndex !== tabIndex) item.tabIndex = tabIndex;
    });
  };
  // After every render: a button that re-rendered (a toggle's label) or appeared keeps the roving order.
  useLayoutEffect(settle);
  const onFocus = (): void => {
    const index = items().findIndex((item) => item === document.activeElement);
    if (index < 0) return;
    focused.current = true;
    active.current = index;
    settle();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const all = items();
    const current = all.findIndex((item) => item === document.activeElement);
    if (current < 0) return;
    const next = rovingTarget(event.key, current, all.length);
    if (next === null) return;
    event.preventDefault();
    active.current = next;
    settle();
    all[next].focus();
  };
  return (
    <div ref={ref} role="toolbar" aria-label={label} aria-orientation="horizontal" className={className} onFocus={onFocus} onKeyDown={onKeyDown}>
      {children}
    </div>
  );
}
