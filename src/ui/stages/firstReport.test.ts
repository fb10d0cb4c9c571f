import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenReady, type Watched } from './firstReport';

/** A store holding a number, with zustand's getState/subscribe; counts its listeners. */
function numberStore(initial: number): Watched<number> & { set(value: number): void; listeners(): number } {
  let value = initial;
  const listeners = new Set<(state: number) => void>();
  return {
    getState: () => value,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      value = next;
      for (const listener of [...listeners]) listener(value);
    },
    listeners: () => listeners.size,
  };
}

afterEach(() => vi.useRealTimers());

describe('whenReady', () => {
  it('resolves once the state is ready, not before, and stops listening', async () => {
    vi.useFakeTimers();
    const store = numberStore(0);
    let resolved = false;
    const ready = whenReady(store, (n) => n >= 2, 3000).then(() => (resolved = true));
    store.set(1);
    await Promise.resolve();
    expect(resolved).toBe(false);
    store.set(2);
    await ready;
    expect(resolved).toBe(true);
    expect(store.listeners()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves at once when the state is ready already', async () => {
    const store = numberStore(5);
    await whenReady(store, (n) => n >= 2, 3000);
    expect(store.listeners()).toBe(0);
  });

  it('resolves after the wait when the state never gets ready', async () => {
    vi.useFakeTimers();
    const store = numberStore(0);
    let resolved = false;
    void whenReady(store, (n) => n >= 2, 3000).then(() => (resolved = true));
    await vi.advanceTimersByTimeAsync(2999);
    expect(resolved).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(resolved).toBe(true);
    expect(store.listeners()).toBe(0);
  });
});
