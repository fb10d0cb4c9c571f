import { describe, expect, it } from 'vitest';
import { readSceneAutoStart, SCENE_AUTOSTART_KEY, writeSceneAutoStart } from './sceneAutoStart';

function memory(initial: Record<string, string> = {}): { getItem: (key: string) => string | null; setItem: (key: string, value: string) => void; data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (key) => data[key] ?? null, setItem: (key, value) => void (data[key] = value) };
}

describe('scene auto-start preference', () => {
  it('is off with nothing stored, and on only for the exact text true', () => {
    expect(readSceneAutoStart(memory())).toBe(false);
    expect(readSceneAutoStart(memory({ [SCENE_AUTOSTART_KEY]: 'true' }))).toBe(true);
    for (const junk of ['false', 'TRUE', '1', 'yes', '{"on":true}', '']) expect(readSceneAutoStart(memory({ [SCENE_AUTOSTART_KEY]: junk }))).toBe(false);
  });

  it('is written and read back both ways', () => {
    const storage = memory();
    writeSceneAutoStart(storage, true);
    expect(storage.data[SCENE_AUTOSTART_KEY]).toBe('true');
    expect(readSceneAutoStart(storage)).toBe(true);
    writeSceneAutoStart(storage, false);
    expect(readSceneAutoStart(storage)).toBe(false);
  });

  it('storage that throws, or none, reads as off and writes nothing without throwing', () => {
    const throwing = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
      setItem: (): void => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readSceneAutoStart(throwing)).toBe(false);
    expect(() => writeSceneAutoStart(throwing, true)).not.toThrow();
    expect(readSceneAutoStart(null)).toBe(false);
  });
});
