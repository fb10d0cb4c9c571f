/**
 * "Start when opened": a scene opened from the picker (or restarted) starts training at once, for a presenter
 * who opens scenes in front of a room. A display preference of this browser, remembered in localStorage and
 * never in the experiment's address; off unless chosen. What storage holds is read as the exact text 'true'.
 */
import { create } from 'zustand';

export const SCENE_AUTOSTART_KEY = 'locolab-scene-autostart';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

const storageOrNull = (): Storage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // A sandboxed frame or disabled storage throws on access: the option then lasts for the page only.
    return null;
  }
};

/** The stored choice: on only for the text 'true' (anything else, or storage that throws, is off). */
export function readSceneAutoStart(storage: Storage | null): boolean {
  try {
    return storage?.getItem(SCENE_AUTOSTART_KEY) === 'true';
  } catch {
    return false;
  }
}

export function writeSceneAutoStart(storage: Storage | null, on: boolean): void {
  try {
    storage?.setItem(SCENE_AUTOSTART_KEY, on ? 'true' : 'false');
  } catch {
    // Full or refused storage: the choice holds until the page is left.
  }
}

interface SceneAutoStartState {
  on: boolean;
  set: (on: boolean) => void;
}

export const useSceneAutoStart = create<SceneAutoStartState>((set) => ({
  on: readSceneAutoStart(storageOrNull()),
  set: (on) => {
    writeSceneAutoStart(storageOrNull(), on);
    set({ on });
  },
}));
