import { describe, expect, it } from 'vitest';
import { workerBytes, workersThatFit } from './sweepMemory';

describe('a sweep in memory', () => {
  // MNIST at 28×28: 60,000 training and 10,000 test images of 784 pixels, 10 classes.
  const mnist = { inputSize: 784, outputSize: 10, trainCount: 60_000, testCount: 10_000 };

  it('counts a worker’s data twice (table and split) and its parameters six times, in float32', () => {
    expect(workerBytes(mnist, 0)).toBe(2 * 70_000 * 794 * 4);
    expect(workerBytes({ inputSize: 2, outputSize: 1, trainCount: 250, testCount: 250 }, 100)).toBe(2 * 500 * 3 * 4 + 6 * 100 * 4);
  });

  it('takes only as many workers as fit, and says by how much one does not', () => {
    const perWorker = workerBytes(mnist, 100_000);
    expect(workersThatFit(16, perWorker)).toEqual({ workers: 4 });
    expect(workersThatFit(2, perWorker)).toEqual({ workers: 2 });
    expect(workersThatFit(8, perWorker, 100 * 1024 ** 2)).toEqual({ reason: "One sweep worker would hold about 426 MB (its data and network); the sweep's memory budget is 100 MB." });
  });
});
