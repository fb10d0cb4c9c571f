/**
 * What a number typed into a field's box does, apart from React: the value to set (none when the text is not a
 * number), and the note saying why the entry was refused or corrected. The note is shown beside the box (the
 * input is aria-invalid and described by it, WAI-ARIA 1.2 "aria-invalid" and "aria-describedby") until the next
 * valid edit of that field, and is also the field's one status banner (code `input-<field>`, which the run
 * store replaces rather than stacks); a valid edit clears both.
 */
import type { NumberField } from '../../config/fields';
import { interpretTypedNumber, parseDecimal } from '../../config/typedNumber';

export type NumberEntry = { kind: 'kept'; note: string } | { kind: 'set'; value: number; note: string | null };

/** The status code of a field's typed-entry banner: one per field. */
export const entryCode = (name: string): string => `input-${name}`;

/**
 * Reads `draft` typed into the box of `field` (shown as `title`, currently `shown`): not a number keeps the value;
 * a number outside the range (or not whole in a whole-number field) is clamped and the note says so.
 */
export function interpretNumberEntry(draft: string, field: NumberField, title: string, shown: string): NumberEntry {
  const typed = interpretTypedNumber(draft, field);
  if (typed.kind === 'rejected') {
    const what = field.integer ? 'a whole number' : 'a number';
    return { kind: 'kept', note: `${title}: "${draft}" is not ${what} between ${field.min} and ${field.max}; kept ${shown}.` };
  }
  if (!typed.adjusted) return { kind: 'set', value: typed.value, note: null };
  const typedValue = parseDecimal(draft.trim()) ?? typed.value;
  const outside = typedValue < field.min || typedValue > field.max;
  const why = outside ? `outside ${field.min}–${field.max}` : 'not a whole number';
  return { kind: 'set', value: typed.value, note: `${title}: ${draft.trim()} is ${why}; using ${typed.value}.` };
}

export interface EntrySinks {
  set: (value: number) => void;
  report: (level: 'warning', code: string, text: string) => void;
  clearStatus: (code: string) => void;
  /** The note beside the box: the reason, or null to clear it. */
  setNote: (note: string | null) => void;
}

/** Applies an entry: sets the value, and shows (or, on a valid entry, clears) the field's note and its banner. */
export function applyNumberEntry(name: string, entry: NumberEntry, sinks: EntrySinks): void {
  if (entry.note === null) {
    sinks.setNote(null);
    sinks.clearStatus(entryCode(name));
  } else {
    sinks.setNote(entry.note);
    sinks.report('warning', entryCode(name), entry.note);
  }
  if (entry.kind === 'set') sinks.set(entry.value);
}
