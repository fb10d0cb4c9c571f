/**
 * Display preferences: remembered in localStorage, never part of the experiment URL. What is read back is
 * checked field by field, as the URL is: storage can hold anything (an old version, a hand edit, another
 * app on the same origin), and one bad value must not blank the page on every reload.
 */
import { z } from 'zod';
import { create } from 'zustand';
import { persist, type PersistStorage, type StorageValue } from 'zustand/middleware';

export const X_AXES = ['step', 'epoch', 'examples', 'time'] as const;
export type XAxisKind = (typeof X_AXES)[number];
/** 'system' follows prefers-color-scheme; the toggle stores an explicit choice. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEMES)[number];
/** The loss chart's recent windows, in steps; 0 shows all. */
export const LOSS_WINDOWS = [0, 500, 2000, 10000] as const;
export type LossWindow = (typeof LOSS_WINDOWS)[number];

export interface ViewPreferences {
  /** Debiased-EMA weight, 0–0.99 (TensorBoard caps it below 1). */
  smoothing: number;
  logY: boolean;
  xAxis: XAxisKind;
  theme: ThemeChoice;
  /** The loss chart shows only the last this many steps (0: all) … */
  lossWindow: LossWindow;
  /** … on a logarithmic x axis. */
  logX: boolean;
}

interface ViewState extends ViewPreferences {
  set: (patch: Partial<ViewPreferences>) => void;
}

export const VIEW_STORAGE_KEY = 'locolab-view';
const VIEW_VERSION = 1;

/** One schema per preference, so that each bad value is dropped on its own and the good ones kept. */
const PREFERENCE_SCHEMAS: { [K in keyof ViewPreferences]: z.ZodType<ViewPreferences[K]> } = {
  smoothing: z.number().min(0).max(0.99),
  logY: z.boolean(),
  xAxis: z.enum(X_AXES),
  theme: z.enum(THEMES),
  lossWindow: z.union([z.literal(0), z.literal(500), z.literal(2000), z.literal(10000)]),
  logX: z.boolean(),
};
const PREFERENCE_NAMES = Object.keys(PREFERENCE_SCHEMAS) as (keyof ViewPreferences)[];

function isPreferenceName(key: string): key is keyof ViewPreferences {
  return (PREFERENCE_NAMES as string[]).includes(key);
}

const warn = (message: string): void => console.warn(`Saved display preferences: ${message}`);

/**
 * The stored text → the valid preferences it holds (absent ones take their defaults), each dropped value
 * noted with console.warn. Never throws; null when there is nothing usable.
 */
export function readViewPreferences(text: string | null): StorageValue<Partial<ViewPreferences>> | null {
  if (text === null) return null;
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    warn('not readable JSON; using the defaults.');
    return null;
  }
  const envelope = z.object({ state: z.record(z.string(), z.unknown()), version: z.unknown() }).safeParse(stored);
  if (!envelope.success) {
    warn('not in the expected form; using the defaults.');
    return null;
  }
  if (envelope.data.version !== VIEW_VERSION) {
    warn(`written as version ${JSON.stringify(envelope.data.version)}, this page writes ${VIEW_VERSION}; each value is checked on its own.`);
  }
  const state: Partial<Record<keyof ViewPreferences, unknown>> = {};
  for (const [key, value] of Object.entries(envelope.data.state)) {
    if (!isPreferenceName(key)) {
      warn(`unknown preference "${key}" ignored.`);
      continue;
    }
    const result = PREFERENCE_SCHEMAS[key].safeParse(value);
    if (result.success) state[key] = result.data;
    else warn(`"${key}" = ${JSON.stringify(value)} is not valid; using the default.`);
  }
  // The version is the one this page understands: what is left has been checked against its schema.
  return { state: state as Partial<ViewPreferences>, version: VIEW_VERSION };
}

/**
 * localStorage, validated on the way in. A storage that throws (disabled by the browser, full, or absent as
 * in Node) is treated as empty without a note: nothing stored was lost.
 */
export function validatedStorage(getStorage: () => Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>): PersistStorage<Partial<ViewPreferences>> {
  return {
    getItem: (name) => {
      try {
        return readViewPreferences(getStorage().getItem(name));
      } catch {
        return null;
      }
    },
    setItem: (name, value) => {
      try {
        getStorage().setItem(name, JSON.stringify(value));
      } catch {
        // A full or disabled storage only costs remembering the preference.
      }
    },
    removeItem: (name) => {
      try {
        getStorage().removeItem(name);
      } catch {
        // As above.
      }
    },
  };
}

export const useViewStore = create<ViewState>()(
  persist(
    (set) => ({
      smoothing: 0,
      logY: false,
      xAxis: 'step',
      theme: 'system',
      lossWindow: 0,
      logX: false,
      set: (patch) => set(patch),
    }),
    {
      name: VIEW_STORAGE_KEY,
      storage: validatedStorage(() => localStorage),
      version: VIEW_VERSION,
      partialize: ({ smoothing, logY, xAxis, theme, lossWindow, logX }) => ({ smoothing, logY, xAxis, theme, lossWindow, logX }),
    },
  ),
);

/** The theme shown: the stored choice, or the system's when the choice is 'system'. */
export function effectiveTheme(choice: ThemeChoice, systemPrefersDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (systemPrefersDark ? 'dark' : 'light') : choice;
}
