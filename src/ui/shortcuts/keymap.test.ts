import { describe, expect, it } from 'vitest';
import { isTypingTarget, shortcutFor, type KeyPress, type KeyTarget, type ShortcutContext } from './keymap';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, ...extra });
const BODY: KeyTarget = { tagName: 'BODY' };
const MAIN: ShortcutContext = { presenter: false, helpOpen: false };
const PRESENTER: ShortcutContext = { presenter: true, helpOpen: false };

describe('keyboard shortcuts', () => {
  it('maps each documented key on the page', () => {
    expect(shortcutFor(press(' '), BODY, MAIN)).toEqual({ type: 'togglePlay' });
    expect(shortcutFor(press('ArrowRight'), BODY, MAIN)).toEqual({ type: 'nextOrStep' });
    expect(shortcutFor(press('ArrowLeft'), BODY, MAIN)).toEqual({ type: 'narration', direction: 'back' });
    expect(shortcutFor(press('r'), BODY, MAIN)).toEqual({ type: 'reset' });
    expect(shortcutFor(press('R', { shiftKey: true }), BODY, MAIN)).toEqual({ type: 'reset' });
    expect(shortcutFor(press('l'), BODY, MAIN)).toEqual({ type: 'findLearningRate' });
    expect(shortcutFor(press('p'), BODY, MAIN)).toEqual({ type: 'togglePresenter' });
    expect(shortcutFor(press('?', { shiftKey: true }), BODY, MAIN)).toEqual({ type: 'toggleHelp' });
    expect(shortcutFor(press('1'), BODY, MAIN)).toEqual({ type: 'selectRun', position: 1 });
    expect(shortcutFor(press('9'), BODY, MAIN)).toEqual({ type: 'selectRun', position: 9 });
  });

  it('a clicker’s PageDown and PageUp are → and ← in presenter mode, and scroll the page elsewhere', () => {
    expect(shortcutFor(press('PageDown'), BODY, PRESENTER)).toEqual(shortcutFor(press('ArrowRight'), BODY, PRESENTER));
    expect(shortcutFor(press('PageUp'), BODY, PRESENTER)).toEqual(shortcutFor(press('ArrowLeft'), BODY, PRESENTER));
    expect(shortcutFor(press('PageDown'), BODY, PRESENTER)).toEqual({ type: 'nextOrStep' });
    expect(shortcutFor(press('PageUp'), BODY, PRESENTER)).toEqual({ type: 'narration', direction: 'back' });
    expect(shortcutFor(press('PageDown'), BODY, MAIN)).toBeNull();
    expect(shortcutFor(press('PageUp'), BODY, MAIN)).toBeNull();
    // Not while typing, and not with a modifier (Ctrl+PageDown changes the browser's tab).
    expect(shortcutFor(press('PageDown'), { tagName: 'SELECT' }, PRESENTER)).toBeNull();
    expect(shortcutFor(press('PageDown', { ctrlKey: true }), BODY, PRESENTER)).toBeNull();
  });

  it('0, other letters and unknown keys do nothing', () => {
    for (const key of ['0', 'x', 'Enter', 'Tab', 'ArrowUp', 'F5']) expect(shortcutFor(press(key), BODY, MAIN)).toBeNull();
  });

  it('N moves the narration, or starts one, only in presenter mode; Esc leaves presenter mode, or closes the help first', () => {
    expect(shortcutFor(press('n'), BODY, MAIN)).toBeNull();
    expect(shortcutFor(press('n'), BODY, PRESENTER)).toEqual({ type: 'narrationNextOrStart' });
    expect(shortcutFor(press('N', { shiftKey: true }), BODY, PRESENTER)).toEqual({ type: 'narrationNextOrStart' });
    expect(shortcutFor(press('Escape'), BODY, MAIN)).toBeNull();
    expect(shortcutFor(press('Escape'), BODY, PRESENTER)).toEqual({ type: 'leavePresenter' });
    expect(shortcutFor(press('Escape'), BODY, { presenter: true, helpOpen: true })).toEqual({ type: 'closeHelp' });
  });

  it('leaves browser shortcuts alone', () => {
    expect(shortcutFor(press('r', { ctrlKey: true }), BODY, MAIN)).toBeNull();
    expect(shortcutFor(press('l', { metaKey: true }), BODY, MAIN)).toBeNull();
    expect(shortcutFor(press('ArrowRight', { altKey: true }), BODY, MAIN)).toBeNull();
  });

  it('does nothing while typing in a field', () => {
    const fields: KeyTarget[] = [
      { tagName: 'INPUT', type: 'text' },
      { tagName: 'INPUT', type: 'number' },
      { tagName: 'INPUT' },
      { tagName: 'TEXTAREA' },
      { tagName: 'SELECT' },
      { tagName: 'DIV', isContentEditable: true },
      { tagName: 'DIV', role: 'textbox' },
    ];
    for (const field of fields) {
      expect(isTypingTarget(field)).toBe(true);
      for (const key of [' ', 'ArrowRight', 'ArrowLeft', 'r', 'l', 'p', '?', '1', 'Escape']) expect(shortcutFor(press(key), field, PRESENTER)).toBeNull();
    }
  });

  it('lets a focused control keep its own keys, and only those', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(shortcutFor(press(' '), { tagName: 'BUTTON' }, MAIN)).toBeNull();
    expect(shortcutFor(press(' '), { tagName: 'INPUT', type: 'checkbox' }, MAIN)).toBeNull();
    expect(shortcutFor(press('ArrowRight'), { tagName: 'INPUT', type: 'range' }, MAIN)).toBeNull();
    expect(shortcutFor(press('ArrowRight'), { tagName: 'CANVAS', role: 'application' }, MAIN)).toBeNull();
    // A slider has no use for R or Space; a button none for →.
    expect(shortcutFor(press('r'), { tagName: 'INPUT', type: 'range' }, MAIN)).toEqual({ type: 'reset' });
    expect(shortcutFor(press(' '), { tagName: 'INPUT', type: 'range' }, MAIN)).toEqual({ type: 'togglePlay' });
    expect(shortcutFor(press('ArrowRight'), { tagName: 'BUTTON' }, MAIN)).toEqual({ type: 'nextOrStep' });
  });
});
