/**
 * Seeded pseudo-random numbers for everything the engine draws (data, initial weights, minibatch order).
 * mulberry32 (Tommy Ettinger's public-domain 32-bit generator): tiny, fast, and good enough for a playground.
 * No Math.random anywhere in the engine: the same seed always gives the same run.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [low, high). */
  uniform(low: number, high: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Integer uniform in [0, n). */
  int(n: number): number;
  /** The generator's whole state, to put it back later with setState (snapshots). */
  getState(): number;
  setState(state: number): void;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    uniform: (low, high) => low + (high - low) * next(),
    normal: () => {
      const u = 1 - next(); // in (0, 1], so log(u) is finite
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    int: (n) => Math.floor(next() * n),
    getState: () => state,
    setState: (value) => {
      state = value >>> 0;
    },
  };
}

/**
 * An independent seed for one use of the master seed (data, split, init, batches), so that changing how
 * many numbers one stage draws never shifts another stage. splitmix32-style mixing of (seed, stream).
 */
export function deriveSeed(seed: number, stream: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace(values: Uint32Array | number[], random: Random): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const tmp = values[i];
    values[i] = values[j];
    values[j] = tmp;
  }
}
