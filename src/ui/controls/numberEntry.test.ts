import { beforeEach, describe, expect, it } from 'vitest';
import { EXPERIMENT_FIELDS } from '../../config/experiment';
import { useRunStore } from '../../state/runStore';
import { applyNumberEntry, entryCode, interpretNumberEntry, type EntrySinks } from './numberEntry';

const K = EXPERIMENT_FIELDS.innerSteps;
const GAMMA = EXPERIMENT_FIELDS.gamma;

/** The sinks a NumberControl wires up, with the note and the values kept here and the banners in the real store. */
function sinks(): EntrySinks & { note: string | null; values: number[] } {
  const store = useRunStore.getState();
  const out = {
    note: null as string | null,
    values: [] as number[],
    set: (v: number) => out.values.push(v),
    report: store.report,
    clearStatus: store.clearStatus,
    setNote: (n: string | null) => {
      out.note = n;
    },
  };
  return out;
}

const banners = (name: string) => useRunStore.getState().messages.filter((m) => m.code === entryCode(name));

describe('a typed number entry (note beside the box, one banner per field)', () => {
  beforeEach(() => useRunStore.setState({ messages: [] }));

  it('keeps the reason for a corrected entry beside the box and in one banner', () => {
    const box = sinks();
    applyNumberEntry('innerSteps', interpretNumberEntry('0', K, K.label, '10'), box);
    expect(box.values).toEqual([K.min]);
    expect(box.note).toBe(`${K.label}: 0 is outside ${K.min}–${K.max}; using ${K.min}.`);
    expect(banners('innerSteps').map((m) => m.text)).toEqual([box.note]);
  });

  it('replaces the field’s banner on a second bad entry, and clears note and banner on the next valid edit', () => {
    const box = sinks();
    applyNumberEntry('innerSteps', interpretNumberEntry('0', K, K.label, '10'), box);
    applyNumberEntry('innerSteps', interpretNumberEntry('abc', K, K.label, '1'), box);
    expect(banners('innerSteps')).toHaveLength(1);
    expect(banners('innerSteps')[0].text).toBe(box.note);
    expect(box.note).toContain('"abc"');
    applyNumberEntry('innerSteps', interpretNumberEntry('5', K, K.label, '1'), box);
    expect(box.note).toBeNull();
    expect(banners('innerSteps')).toHaveLength(0);
    expect(box.values).toEqual([K.min, 5]);
  });

  it('leaves another field’s banner alone', () => {
    const gammaBox = sinks();
    applyNumberEntry('gamma', interpretNumberEntry('0', GAMMA, GAMMA.label, '0.01'), gammaBox);
    applyNumberEntry('innerSteps', interpretNumberEntry('5', K, K.label, '10'), sinks());
    expect(banners('gamma')).toHaveLength(1);
  });

  it('words a refused entry "between min and max", never "between min–max"', () => {
    const entry = interpretNumberEntry('abc', GAMMA, GAMMA.label, '0.01');
    expect(entry).toEqual({ kind: 'kept', note: `${GAMMA.label}: "abc" is not a number between ${GAMMA.min} and ${GAMMA.max}; kept 0.01.` });
    expect(entry.note).not.toMatch(/between [^ ]+–/);
  });

  it('says a whole-number field’s in-range fraction was rounded, not that it was out of range', () => {
    expect(interpretNumberEntry('2.5', K, K.label, '10')).toEqual({ kind: 'set', value: 3, note: `${K.label}: 2.5 is not a whole number; using 3.` });
  });
});
