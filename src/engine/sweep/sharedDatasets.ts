/**
 * A sweep's data sets, built once and shared by its runs (issue 17 §8, "the runs of a sweep share"): the runs
 * differ in their hyperparameters and their seeds, so a 16-value × 3-seed sweep trains on 3 data sets, which were
 * built 48 times (generated, or cut from the parsed table). A Dataset is only read once it is built: a
 * TrainingSession uploads copies of its rows and keeps its own θ, optimizer and batch sampler, whose seeds come
 * from the run's spec, not from the data. So runs whose data specs are equal, field by field, may share one.
 * The key is the whole spec, seed included: a 2-D set's points, the train/test split and the validation rows all
 * come from it (data/dataset.ts).
 *
 * Bounded: the MAX_ENTRIES specs used last, and at most MAX_BYTES of rows in all; a set bigger than that (MNIST's
 * 70,000 × 784 inputs are 220 MB) is never kept, and is built for each run as before.
 */
import type { Dataset, DatasetSpec, Examples } from '../data/dataset';

/** Data sets kept: more than a sweep's seeds (at most 10, config/sweep.ts), which are its innermost loop. */
export const MAX_ENTRIES = 12;
export const MAX_BYTES = 64 * 1024 * 1024;

/** The spec as text with every object's keys sorted, so that equal specs give equal keys. */
export function datasetKey(spec: DatasetSpec): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value === null || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((key) => [key, canonical(record[key])]));
  };
  return JSON.stringify(canonical(spec));
}

function bytesOf(examples: Examples | null): number {
  if (!examples) return 0;
  return examples.inputs.byteLength + examples.targets.byteLength + (examples.labels?.byteLength ?? 0) + (examples.points?.byteLength ?? 0);
}

/** The bytes of a data set's rows (its train, validation and test arrays). */
export function datasetBytes(dataset: Dataset): number {
  return bytesOf(dataset.train) + bytesOf(dataset.validation) + bytesOf(dataset.test);
}

export class SharedDatasets {
  /** Most recently used last. */
  private readonly entries = new Map<string, { dataset: Dataset; bytes: number }>();
  /** Data sets built through this cache (the tests count them). */
  built = 0;

  constructor(
    private readonly maxEntries = MAX_ENTRIES,
    private readonly maxBytes = MAX_BYTES,
  ) {}

  /** The data set of `spec`: the one kept for an equal spec, else `build(spec)`, kept if it fits. */
  async get(spec: DatasetSpec, build: (spec: DatasetSpec) => Dataset | Promise<Dataset>): Promise<Dataset> {
    const key = datasetKey(spec);
    const kept = this.entries.get(key);
    if (kept) {
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept.dataset;
    }
    const dataset = await build(spec);
    this.built += 1;
    const bytes = datasetBytes(dataset);
    if (bytes > this.maxBytes) return dataset;
    this.entries.set(key, { dataset, bytes });
    let total = 0;
    for (const entry of this.entries.values()) total += entry.bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && total <= this.maxBytes) break;
      this.entries.delete(oldest);
      total -= entry.bytes;
    }
    return dataset;
  }

  /** Forgets every kept set (a new CSV file makes `custom` another data set under the same spec). */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
