/**
 * Keyboard shortcuts as data: a key press (and where it happened) to an action, with no DOM or React in it,
 * so the rules — above all "never while typing in a field" — are unit-tested in Node. The hook in
 * useShortcuts.ts carries the actions out.
 */

export type ShortcutAction =
  | { type: 'togglePlay' }
  | { type: 'step' }
  | { type: 'reset' }
  | { type: 'findLearningRate' }
  | { type: 'narration'; direction: 'next' | 'back' }
  /** N in presenter mode: the narration's next phase when one is open, else a narrated slow step where the targets panel is shown. */
  | { type: 'narrationNextOrStart' }
  /** → pressed: the narration's next phase when one is open, else one optimizer step. */
  | { type: 'nextOrStep' }
  | { type: 'selectRun'; position: number }
  | { type: 'togglePresenter' }
  | { type: 'leavePresenter' }
  | { type: 'toggleHelp' }
  | { type: 'closeHelp' };

/** What the keymap needs to know of a key event (KeyboardEvent has all of it). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
}

/** What the keymap needs to know of the element the key went to. */
export interface KeyTarget {
  tagName: string;
  isContentEditable?: boolean;
  /** For <input>: its type (a checkbox or a range slider is not typing; a text or number box is). */
  type?: string;
  /** The ARIA role, when it has one. */
  role?: string | null;
}

export interface ShortcutContext {
  presenter: boolean;
  helpOpen: boolean;
}

/** Input types where a key is not text (Space toggles a checkbox, arrows move a slider: see handledByControl). */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'range', 'button', 'submit', 'reset', 'color', 'file', 'image']);
const TEXT_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton']);

/** True while the person is typing: in a text-like input, a select, a textarea or editable content. */
export function isTypingTarget(target: KeyTarget | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  if (target.role && TEXT_ROLES.has(target.role)) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
  return false;
}

/**
 * Keys the focused control uses itself: Space on a button or checkbox presses it, arrows move a slider or a
 * radio group or the decision boundary's cursor. The shortcut would fight the control, so it yields.
 */
function handledByControl(key: string, target: KeyTarget | null): boolean {
  if (!target) return false;
  const tag = target.tagName.toUpperCase();
  const type = (target.type ?? '').toLowerCase();
  const role = target.role ?? '';
  if (key === ' ' && (tag === 'BUTTON' || tag === 'SUMMARY' || (tag === 'INPUT' && type !== 'range') || role === 'button' || role === 'checkbox' || role === 'row')) return true;
  if (key.startsWith('Arrow') && ((tag === 'INPUT' && (type === 'range' || type === 'radio')) || role === 'slider' || role === 'application' || role === 'radio')) return true;
  return false;
}

/** The action for a key press, or null when the page should leave the key alone. */
export function shortcutFor(press: KeyPress, target: KeyTarget | null, context: ShortcutContext): ShortcutAction | null {
  // Browser and system shortcuts (copy, reload, find…) keep their meaning.
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (isTypingTarget(target)) return null;
  if (handledByControl(press.key, target)) return null;
  const key = press.key;
  if (key === 'Escape') {
    if (context.helpOpen) return { type: 'closeHelp' };
    return context.presenter ? { type: 'leavePresenter' } : null;
  }
  if (key === '?') return { type: 'toggleHelp' };
  if (key === ' ' || key === 'Spacebar') return { type: 'togglePlay' };
  // A presentation clicker sends PageDown and PageUp: in presenter mode they are → and ←; elsewhere they scroll.
  if (key === 'ArrowRight' || (context.presenter && key === 'PageDown')) return { type: 'nextOrStep' };
  if (key === 'ArrowLeft' || (context.presenter && key === 'PageUp')) return { type: 'narration', direction: 'back' };
  const lower = key.length === 1 ? key.toLowerCase() : key;
  if (lower === 'r') return { type: 'reset' };
  if (lower === 'l') return { type: 'findLearningRate' };
  if (lower === 'p') return { type: 'togglePresenter' };
  if (lower === 'n') return context.presenter ? { type: 'narrationNextOrStart' } : null;
  if (/^[1-9]$/.test(key)) return { type: 'selectRun', position: Number(key) };
  return null;
}

/** The help overlay's table: what to press and what it does, in the order a presenter needs them. */
export const SHORTCUT_HELP: readonly { keys: string[]; action: string }[] = [
  { keys: ['Space'], action: 'Play or pause' },
  { keys: ['→'], action: 'One step (next narration phase while one is open)' },
  { keys: ['←'], action: 'Previous narration phase' },
  { keys: ['R'], action: 'Reset: new run from the seed' },
  { keys: ['L'], action: 'Find the learning rate (range test on the selected run)' },
  { keys: ['1', '…', '9'], action: 'Select run 1–9' },
  { keys: ['P'], action: 'Presenter mode on or off' },
  { keys: ['N'], action: 'Next narration phase, or start one with a slow step (in presenter mode, with Layer targets shown)' },
  { keys: ['PgDn', 'PgUp'], action: 'As → and ← in presenter mode (a presentation clicker)' },
  { keys: ['Esc'], action: 'Leave presenter mode or this help' },
  { keys: ['?'], action: 'Show or hide this help' },
];
