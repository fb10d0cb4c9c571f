/**
 * A module of the page loaded on demand (a dynamic import(), its own chunk in the build), so that the entry
 * module's evaluation, one main-thread task before the first paint, does not carry it (issue 20 §7: every
 * main-thread task under 50 ms). `load()` starts the import once and resolves with the module; `current` is the
 * module once it has loaded, for a render that must not wait (App mounts a stage only after its module loaded,
 * useStagedMount). A failed import (a network error, a build replaced on the server) is not kept: the next
 * `load()` tries again.
 */
export interface LazyModule<T> {
  load(): Promise<T>;
  readonly current: T | null;
}

export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let pending: Promise<T> | null = null;
  let current: T | null = null;
  return {
    load() {
      pending ??= importer().then(
        (module) => (current = module),
        (error: unknown) => {
          pending = null;
          throw error;
        },
      );
      return pending;
    },
    get current() {
      return current;
    },
  };
}
