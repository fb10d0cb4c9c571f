/**
 * The shortcut help: a modal dialog listing the keys (keymap.ts's table), opened by `?` or the top bar's
 * keyboard button, closed by Esc, `?`, its button or a click outside. Focus goes to its close button and
 * back where it was.
 */
import { useEffect, useRef } from 'react';
import { SHORTCUT_HELP } from './keymap';
import { useShortcutHelp } from './shortcutHelpStore';

export function ShortcutHelp() {
  const open = useShortcutHelp((s) => s.open);
  const setOpen = useShortcutHelp((s) => s.set);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => before?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="shortcut-backdrop" onClick={(event) => event.target === event.currentTarget && setOpen(false)}>
      <div className="shortcut-help" role="dialog" aria-modal="true" aria-labelledby="shortcut-help-title" data-testid="shortcut-help">
        <div className="shortcut-help-head">
          <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
          <button type="button" className="small" ref={closeRef} onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
        <p className="help">They act anywhere on the page except while you type in a field.</p>
        <table className="shortcut-table">
          <tbody>
            {SHORTCUT_HELP.map(({ keys, action }) => (
              <tr key={action}>
                <th scope="row">
                  {keys.map((key, i) => (key === '…' ? <span key={i}> … </span> : <kbd key={i}>{key}</kbd>))}
                </th>
                <td>{action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
