/**
 * "Skip to controls": the page's first focusable element, hidden until focused (WCAG 2.2, 2.4.1 Bypass Blocks,
 * technique G1). It moves focus to the target itself rather than following the #fragment, so the address
 * (which carries the experiment, state/urlSync.ts) keeps no fragment and the browser's scroll stays its own.
 */
import type { MouseEvent, ReactNode } from 'react';

export function SkipLink({ target, children }: { target: string; children: ReactNode }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    const element = document.getElementById(target);
    if (!element) return;
    event.preventDefault();
    element.focus();
  };
  return (
    <a className="skip-link" href={`#${target}`} data-testid="skip-link" onClick={onClick}>
      {children}
    </a>
  );
}
