import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectiveTheme, readViewPreferences } from './viewStore';

/** The value that blanked the page on every reload (issue 9). */
const CORRUPTED = '{"state":{"smoothing":"abc","logY":"yes","xAxis":"foo"},"version":1}';

function storageShim(entries: Record<string, string>): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const map = new Map(Object.entries(entries));
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

describe('stored display preferences', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('drops each bad value with a warning and keeps the good ones', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(readViewPreferences(CORRUPTED)).toEqual({ state: {}, version: 1 });
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringContaining('"smoothing" = "abc" is not valid'),
      expect.stringContaining('"logY" = "yes" is not valid'),
      expect.stringContaining('"xAxis" = "foo" is not valid'),
    ]);
    warn.mockClear();
    const mixed = '{"state":{"smoothing":0.5,"logY":true,"xAxis":"time","extra":1},"version":1}';
    expect(readViewPreferences(mixed)).toEqual({ state: { smoothing: 0.5, logY: true, xAxis: 'time' }, version: 1 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(readViewPreferences('{"state":{"smoothing":1.5,"logY":false},"version":1}')).toEqual({ state: { logY: false }, version: 1 });
  });

  it.each([
    ['unparseable JSON', '{"state":'],
    ['not an object', '42'],
    ['null', 'null'],
    ['no state', '{"version":1}'],
    ['state not an object', '{"state":[1,2],"version":1}'],
  ])('%s gives the defaults with a warning, never an error', (_, text) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error');
    expect(readViewPreferences(text)).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(error).not.toHaveBeenCalled();
  });

  it('another version is checked value by value instead of rejected with a console error', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(readViewPreferences('{"state":{"logY":true},"version":7}')).toEqual({ state: { logY: true }, version: 1 });
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('the store starts from the defaults when localStorage holds the corrupted value', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error');
    const storage = storageShim({ 'locolab-view': CORRUPTED });
    vi.stubGlobal('localStorage', storage);
    const { useViewStore } = await import('./viewStore');
    const { smoothing, logY, xAxis } = useViewStore.getState();
    expect({ smoothing, logY, xAxis }).toEqual({ smoothing: 0, logY: false, xAxis: 'step' });
    expect(warn).toHaveBeenCalledTimes(3);
    expect(error).not.toHaveBeenCalled();

    useViewStore.getState().set({ smoothing: 0.6 });
    expect(JSON.parse(storage.getItem('locolab-view') ?? '')).toEqual({ state: { smoothing: 0.6, logY: false, xAxis: 'step', theme: 'system', lossWindow: 0, logX: false }, version: 1 });
  });

  it('the store keeps the valid stored values', async () => {
    vi.stubGlobal('localStorage', storageShim({ 'locolab-view': '{"state":{"smoothing":0.9,"logY":true,"xAxis":"epoch"},"version":1}' }));
    const { useViewStore } = await import('./viewStore');
    const { smoothing, logY, xAxis } = useViewStore.getState();
    expect({ smoothing, logY, xAxis }).toEqual({ smoothing: 0.9, logY: true, xAxis: 'epoch' });
  });

  it('keeps a valid theme choice and drops a bad one', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(readViewPreferences('{"state":{"theme":"dark"},"version":1}')).toEqual({ state: { theme: 'dark' }, version: 1 });
    expect(readViewPreferences('{"state":{"theme":"neon","logY":true},"version":1}')).toEqual({ state: { logY: true }, version: 1 });
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("keeps the loss chart's recent window and log x, and drops a window that is not offered", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(readViewPreferences('{"state":{"lossWindow":2000,"logX":true},"version":1}')).toEqual({ state: { lossWindow: 2000, logX: true }, version: 1 });
    expect(readViewPreferences('{"state":{"lossWindow":300,"logX":"yes"},"version":1}')).toEqual({ state: {}, version: 1 });
    expect(warn).toHaveBeenCalledTimes(2);
    const storage = storageShim({});
    vi.stubGlobal('localStorage', storage);
    const { useViewStore } = await import('./viewStore');
    useViewStore.getState().set({ lossWindow: 500, logX: true });
    expect(JSON.parse(storage.getItem('locolab-view') ?? '').state).toMatchObject({ lossWindow: 500, logX: true });
  });

  it('the system choice follows prefers-color-scheme; an explicit one does not', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
    expect(effectiveTheme('dark', false)).toBe('dark');
  });
});
