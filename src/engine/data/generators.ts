/**
 * The 2-D data sets. Circle, XOR, Gaussians, spiral and both regression sets follow TensorFlow
 * Playground's `src/dataset.ts` (same shapes, same meaning of "noise"); two moons follows scikit-learn's
 * `make_moons`. Coordinates are generated in Playground units ([-6, 6]) and scaled to [-1, 1] at the end,
 * so the network sees well-conditioned inputs. Class labels are 0/1, regression targets lie in [-1, 1].
 */
import type { Random } from '../random';

export const CLASSIFICATION_DATASETS = ['circle', 'xor', 'gaussians', 'spiral', 'moons'] as const;
export const REGRESSION_DATASETS = ['plane', 'hills'] as const;
export const GENERATED_DATASETS = [...CLASSIFICATION_DATASETS, ...REGRESSION_DATASETS] as const;
export type GeneratedDataset = (typeof GENERATED_DATASETS)[number];
export type Task = 'classification' | 'regression';

export function taskOf(name: GeneratedDataset): Task {
  return (REGRESSION_DATASETS as readonly string[]).includes(name) ? 'regression' : 'classification';
}

/** n points: inputs is n×2 row-major, targets has n entries. */
export interface Points {
  inputs: Float32Array;
  targets: Float32Array;
}

/** TensorFlow Playground draws its points in [−6, 6]; ours are scaled to [−1, 1] by this. */
export const PLAYGROUND_HALF_WIDTH = 6;

interface Sample {
  x: number;
  y: number;
  label: number;
}

type Generator = (count: number, noise: number, random: Random) => Sample[];

const distance = (x: number, y: number, cx: number, cy: number): number => Math.hypot(x - cx, y - cy);

const circle: Generator = (count, noise, random) => {
  const radius = 5;
  const label = (x: number, y: number): number => (distance(x, y, 0, 0) < radius * 0.5 ? 1 : 0);
  const samples: Sample[] = [];
  const ring = (innerRadius: number, outerRadius: number, n: number): void => {
    for (let i = 0; i < n; i++) {
      const r = random.uniform(innerRadius, outerRadius);
      const angle = random.uniform(0, 2 * Math.PI);
      const x = r * Math.sin(angle);
      const y = r * Math.cos(angle);
      const noiseX = random.uniform(-radius, radius) * noise;
      const noiseY = random.uniform(-radius, radius) * noise;
      samples.push({ x, y, label: label(x + noiseX, y + noiseY) });
    }
  };
  ring(0, radius * 0.5, Math.floor(count / 2));
  ring(radius * 0.7, radius, count - Math.floor(count / 2));
  return samples;
};

const xor: Generator = (count, noise, random) => {
  const padding = 0.3;
  const samples: Sample[] = [];
  for (let i = 0; i < count; i++) {
    let x = random.uniform(-5, 5);
    x += x > 0 ? padding : -padding;
    let y = random.uniform(-5, 5);
    y += y > 0 ? padding : -padding;
    const noiseX = random.uniform(-5, 5) * noise;
    const noiseY = random.uniform(-5, 5) * noise;
    samples.push({ x, y, label: (x + noiseX) * (y + noiseY) >= 0 ? 1 : 0 });
  }
  return samples;
};

const gaussians: Generator = (count, noise, random) => {
  // Playground maps noise 0..0.5 linearly to variance 0.5..4.
  const variance = 0.5 + (noise / 0.5) * 3.5;
  const std = Math.sqrt(variance);
  const samples: Sample[] = [];
  const blob = (cx: number, cy: number, label: number, n: number): void => {
    for (let i = 0; i < n; i++) {
      samples.push({ x: cx + std * random.normal(), y: cy + std * random.normal(), label });
    }
  };
  blob(2, 2, 1, Math.floor(count / 2));
  blob(-2, -2, 0, count - Math.floor(count / 2));
  return samples;
};

const spiral: Generator = (count, noise, random) => {
  const samples: Sample[] = [];
  const arm = (deltaT: number, label: number, n: number): void => {
    for (let i = 0; i < n; i++) {
      const r = (i / n) * 5;
      const t = ((1.75 * i) / n) * 2 * Math.PI + deltaT;
      samples.push({
        x: r * Math.sin(t) + random.uniform(-1, 1) * noise,
        y: r * Math.cos(t) + random.uniform(-1, 1) * noise,
        label,
      });
    }
  };
  arm(0, 1, Math.floor(count / 2));
  arm(Math.PI, 0, count - Math.floor(count / 2));
  return samples;
};

const moons: Generator = (count, noise, random) => {
  // scikit-learn make_moons: outer arc (cos θ, sin θ), inner arc (1 − cos θ, 0.5 − sin θ), Gaussian noise
  // of standard deviation `noise` in moon units; then centred and scaled to the Playground square.
  const scale = 3.5;
  const samples: Sample[] = [];
  const half = Math.floor(count / 2);
  for (let i = 0; i < count; i++) {
    const theta = random.uniform(0, Math.PI);
    const outer = i < half;
    const mx = outer ? Math.cos(theta) : 1 - Math.cos(theta);
    const my = outer ? Math.sin(theta) : 0.5 - Math.sin(theta);
    samples.push({
      x: (mx - 0.5 + noise * random.normal()) * scale,
      y: (my - 0.25 + noise * random.normal()) * scale,
      label: outer ? 0 : 1,
    });
  }
  return samples;
};

const plane: Generator = (count, noise, random) => {
  const r = PLAYGROUND_HALF_WIDTH;
  const samples: Sample[] = [];
  for (let i = 0; i < count; i++) {
    const x = random.uniform(-r, r);
    const y = random.uniform(-r, r);
    const noiseX = random.uniform(-r, r) * noise;
    const noiseY = random.uniform(-r, r) * noise;
    // Playground: label = (x + y) mapped from [-10, 10] to [-1, 1].
    samples.push({ x, y, label: (x + noiseX + y + noiseY) / 10 });
  }
  return samples;
};

const hills: Generator = (count, noise, random) => {
  const r = PLAYGROUND_HALF_WIDTH;
  const bumps: [number, number, number][] = [
    [-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
    [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1],
  ];
  // Playground's "multi gaussian" regression: the strongest of six signed bumps, each falling linearly
  // from 1 at its centre to 0 at distance 2.
  const label = (x: number, y: number): number => {
    let value = 0;
    for (const [cx, cy, sign] of bumps) {
      const candidate = sign * Math.max(0, Math.min(1, 1 - distance(x, y, cx, cy) / 2));
      if (Math.abs(candidate) > Math.abs(value)) value = candidate;
    }
    return value;
  };
  const samples: Sample[] = [];
  for (let i = 0; i < count; i++) {
    const x = random.uniform(-r, r);
    const y = random.uniform(-r, r);
    const noiseX = random.uniform(-r, r) * noise;
    const noiseY = random.uniform(-r, r) * noise;
    samples.push({ x, y, label: label(x + noiseX, y + noiseY) });
  }
  return samples;
};

const GENERATORS: Record<GeneratedDataset, Generator> = { circle, xor, gaussians, spiral, moons, plane, hills };

/** `count` points of data set `name`; `noise` is a fraction in [0, 0.5]. Coordinates in [-1, 1] (clipped). */
export function generatePoints(name: GeneratedDataset, count: number, noise: number, random: Random): Points {
  const samples = GENERATORS[name](count, noise, random);
  const inputs = new Float32Array(samples.length * 2);
  const targets = new Float32Array(samples.length);
  const clip = (v: number): number => Math.max(-1, Math.min(1, v / PLAYGROUND_HALF_WIDTH));
  samples.forEach((s, i) => {
    inputs[2 * i] = clip(s.x);
    inputs[2 * i + 1] = clip(s.y);
    targets[i] = s.label;
  });
  return { inputs, targets };
}
