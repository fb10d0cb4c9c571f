/**
 * The display buttons shared by the top bar and the presenter bar: presenter mode on/off, the theme, and the
 * keyboard-shortcut help. Each names its shortcut in its tooltip.
 */
import { useViewStore } from '../../state/viewStore';
import { useShortcutHelp } from '../shortcuts/shortcutHelpStore';
import { togglePresenter, usePresenterStore } from './presenterStore';
import { useEffectiveTheme } from './theme';

export function PresenterToggle() {
  const on = usePresenterStore((s) => s.on);
  return (
    <button
      type="button"
      className="tool"
      data-testid="presenter-toggle"
      aria-pressed={on}
      title={on ? 'Leave presenter mode (P or Esc)' : 'Presenter mode: the views large, for a projector (P)'}
      onClick={togglePresenter}
    >
      {on ? (
        <>
          Leave<span className="tool-text"> presenter</span>
        </>
      ) : (
        'Present'
      )}
    </button>
  );
}

export function ThemeToggle() {
  const theme = useEffectiveTheme();
  const set = useViewStore((s) => s.set);
  const dark = theme === 'dark';
  return (
    <button
      type="button"
      className="tool"
      data-testid="theme-toggle"
      aria-pressed={dark}
      title={dark ? 'Dark theme on: switch to light' : 'Light theme on: switch to dark'}
      onClick={() => set({ theme: dark ? 'light' : 'dark' })}
    >
      <span aria-hidden="true">{dark ? '☾' : '☀'}</span> <span className="tool-text">Dark theme</span>
    </button>
  );
}

export function ShortcutHelpButton() {
  const open = useShortcutHelp((s) => s.open);
  const set = useShortcutHelp((s) => s.set);
  return (
    <button type="button" className="tool" data-testid="shortcut-help-button" aria-expanded={open} title="Keyboard shortcuts (?)" onClick={() => set(!open)}>
      <span aria-hidden="true">⌨</span>
      <span className="sr-only">Keyboard shortcuts</span>
    </button>
  );
}
