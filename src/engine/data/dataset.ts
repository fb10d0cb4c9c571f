/** A generated data set split into train and test parts, and the minibatch order over the train part. */
import { createRandom, deriveSeed, shuffleInPlace, type Random } from '../random';
import { generatePoints, taskOf, type DatasetName, type Points, type Task } from './generators';

export interface DatasetSpec {
  name: DatasetName;
  /** Number of points before the split. */
  points: number;
  /** Percentage 0–50, as in TensorFlow Playground. */
  noisePercent: number;
  /** Percentage of the points used for training, 10–90. */
  trainPercent: number;
  seed: number;
}

export interface Dataset {
  task: Task;
  train: Points;
  test: Points;
}

const SEED_STREAM_DATA = 1;
const SEED_STREAM_SPLIT = 2;

function pick(points: Points, indices: Uint32Array): Points {
  const inputs = new Float32Array(indices.length * 2);
  const targets = new Float32Array(indices.length);
  indices.forEach((source, i) => {
    inputs[2 * i] = points.inputs[2 * source];
    inputs[2 * i + 1] = points.inputs[2 * source + 1];
    targets[i] = points.targets[source];
  });
  return { inputs, targets };
}

export function buildDataset(spec: DatasetSpec): Dataset {
  const all = generatePoints(
    spec.name,
    spec.points,
    spec.noisePercent / 100,
    createRandom(deriveSeed(spec.seed, SEED_STREAM_DATA)),
  );
  const order = new Uint32Array(spec.points).map((_, i) => i);
  shuffleInPlace(order, createRandom(deriveSeed(spec.seed, SEED_STREAM_SPLIT)));
  const trainCount = Math.min(spec.points - 1, Math.max(1, Math.round((spec.points * spec.trainPercent) / 100)));
  return {
    task: taskOf(spec.name),
    train: pick(all, order.subarray(0, trainCount)),
    test: pick(all, order.subarray(trainCount)),
  };
}

export function pointCount(points: Points): number {
  return points.targets.length;
}

/** Where the minibatch order stands: enough to continue with exactly the same batches. */
export interface SamplerSnapshot {
  order: Uint32Array;
  position: number;
  randomState: number;
}

/**
 * Minibatches drawn without replacement: each epoch is a fresh seeded permutation of the training set, and
 * a batch that runs past the end of an epoch continues into the next one, so every batch has exactly
 * `batchSize` examples and the order depends only on the seed.
 */
export class MinibatchSampler {
  private readonly random: Random;
  private readonly order: Uint32Array;
  private position: number;

  constructor(private readonly points: Points, seed: number) {
    this.random = createRandom(seed);
    this.order = new Uint32Array(pointCount(points)).map((_, i) => i);
    this.position = this.order.length; // forces a shuffle on the first draw
  }

  snapshot(): SamplerSnapshot {
    return { order: this.order.slice(), position: this.position, randomState: this.random.getState() };
  }

  restore(snapshot: SamplerSnapshot): void {
    this.order.set(snapshot.order);
    this.position = snapshot.position;
    this.random.setState(snapshot.randomState);
  }

  /** Writes the rows of the next `rows.length` examples into `rows` (several batches in a row, for fused steps). */
  nextRows(rows: Int32Array): void {
    for (let i = 0; i < rows.length; i++) {
      if (this.position >= this.order.length) {
        shuffleInPlace(this.order, this.random);
        this.position = 0;
      }
      rows[i] = this.order[this.position++];
    }
  }

  /** Writes the next batch into the given buffers (inputs: batch×2, targets: batch). */
  next(inputs: Float32Array, targets: Float32Array): void {
    const batchSize = targets.length;
    const rows = new Int32Array(batchSize);
    this.nextRows(rows);
    for (let i = 0; i < batchSize; i++) {
      const source = rows[i];
      inputs[2 * i] = this.points.inputs[2 * source];
      inputs[2 * i + 1] = this.points.inputs[2 * source + 1];
      targets[i] = this.points.targets[source];
    }
  }
}
