/**
 * A columnar series of numbers that never holds more than `capacity` points, however long it is fed: the
 * newest `recent` points stay at full resolution, and when the series fills up the older part is compacted
 * the way the charts decimate (min/max per bucket, DESIGN.md §5), so spikes and dips stay visible.
 *
 * Framework-free (no React, no Zustand) so that each run of a comparison can own one. The column arrays are
 * mutated in place and keep their identity for the series' lifetime: readers may hold on to `columns` and
 * re-read it whenever the owner says the series changed.
 */

export interface BoundedSeriesOptions<K extends string> {
  /** The column names; every point has a number in each. */
  columns: readonly K[];
  /** The column compaction buckets along, non-decreasing in pushing order (the step). */
  x: K;
  /** The plotted columns: each bucket keeps the points of their minimum and maximum. */
  extremes: readonly K[];
  /** The most points ever held. */
  capacity: number;
  /** How many of the newest points are never compacted. */
  recent: number;
}

/**
 * The share of the older part's room that compaction may fill; the rest fills with aged-out recent points
 * at full resolution before the next compaction. Those crowd the newest end of the older part, so the share
 * is large (the charts decimate by index and would give them more than their span of the x-axis), yet
 * leaves a quarter of the room so compactions, each O(capacity), come only every room/4 pushes.
 */
const OLDER_SHARE = 3 / 4;

export class BoundedSeries<K extends string> {
  /** One array per column, all of `length` entries. Read them; change them only through push/pop/clear. */
  readonly columns: Readonly<Record<K, number[]>>;
  readonly capacity: number;
  readonly recent: number;
  private readonly names: readonly K[];
  /** The column arrays in the order of `names`. */
  private readonly arrays: readonly number[][];
  private readonly x: K;
  private readonly extremes: readonly K[];
  /** The most points compaction leaves in the older part (see OLDER_SHARE). */
  private readonly olderBudget: number;
  private readonly buckets: number;

  constructor(options: BoundedSeriesOptions<K>) {
    const { columns, x, extremes, capacity, recent } = options;
    if (!columns.includes(x) || extremes.some((name) => !columns.includes(name))) {
      throw new RangeError(`BoundedSeries: x "${x}" and extremes ${extremes.join(', ')} must be among the columns ${columns.join(', ')}`);
    }
    if (extremes.length === 0) throw new RangeError('BoundedSeries: name at least one column whose extremes to keep');
    this.names = [...columns];
    this.x = x;
    this.extremes = [...extremes];
    this.capacity = capacity;
    this.recent = recent;
    this.olderBudget = Math.floor((capacity - recent) * OLDER_SHARE);
    // Each bucket keeps at most two points per plotted column; the first and last older points come on top.
    this.buckets = Math.floor((this.olderBudget - 2) / (2 * extremes.length));
    if (!Number.isInteger(recent) || recent < 1 || !Number.isInteger(capacity) || this.buckets < 1) {
      throw new RangeError(
        `BoundedSeries: capacity ${capacity} leaves no room to compact beside ${recent} recent points and ${extremes.length} plotted column(s)`,
      );
    }
    const arrays = {} as Record<K, number[]>;
    for (const name of columns) arrays[name] = [];
    this.columns = arrays;
    this.arrays = columns.map((name) => arrays[name]);
  }

  get length(): number {
    return this.columns[this.x].length;
  }

  /** The newest value of a column, or undefined when empty. */
  last(column: K): number | undefined {
    const values = this.columns[column];
    return values.length > 0 ? values[values.length - 1] : undefined;
  }

  /** Appends a point (extra fields of `point` are ignored), compacting the older part first when full. */
  push(point: Readonly<Record<K, number>>): void {
    if (this.length >= this.capacity) this.compact();
    for (let c = 0; c < this.names.length; c++) this.arrays[c].push(point[this.names[c]]);
  }

  /**
   * Appends a point given as its values in the order of the series' columns. A tick brings up to 256 rates a run:
   * read from an object a point, each value was boxed anew on the main thread, 2 MB a second with 8 runs (issue 20
   * §7); from a typed array none is.
   */
  pushValues(values: ArrayLike<number>): void {
    if (values.length !== this.arrays.length) throw new RangeError(`BoundedSeries: ${values.length} values for ${this.arrays.length} columns`);
    if (this.length >= this.capacity) this.compact();
    for (let c = 0; c < this.arrays.length; c++) this.arrays[c].push(values[c]);
  }

  /** Removes the newest point (no-op when empty). */
  pop(): void {
    for (const name of this.names) this.columns[name].pop();
  }

  clear(): void {
    for (const name of this.names) this.columns[name].length = 0;
  }

  /**
   * Replaces the points before the recent window by at most `olderBudget` of them: the first and the last,
   * and in each of `buckets` equal spans of x the minimum and maximum of every plotted column. Equal spans
   * of x rather than of index, so repeated compactions keep the density even along the step axis (the
   * charts' x-axis) instead of thinning the oldest points again and again.
   */
  private compact(): void {
    const n = this.length;
    const olderEnd = n - this.recent;
    const kept = this.keptOlderIndices(olderEnd);
    for (const name of this.names) {
      const values = this.columns[name];
      // `kept` is increasing and to ≤ from throughout, so no value is overwritten before it is moved.
      for (let to = 0; to < kept.length; to++) values[to] = values[kept[to]];
      for (let from = olderEnd, to = kept.length; from < n; from++, to++) values[to] = values[from];
      values.length = kept.length + this.recent;
    }
  }

  /** Increasing indices in [0, end) that survive compaction: at most `olderBudget` of them. */
  private keptOlderIndices(end: number): number[] {
    const xs = this.columns[this.x];
    const x0 = xs[0];
    const span = xs[end - 1] - x0;
    const buckets = this.buckets;
    const plotted = this.extremes.map((name) => this.columns[name]);
    // best[(b * plotted + c) * 2] is the index of column c's minimum in bucket b, +1 its maximum; -1 for none.
    // Plain loops, a column at a time: 8 runs compact together, inside the batch that applies their ticks.
    const best = new Int32Array(buckets * plotted.length * 2).fill(-1);
    const bucketOf = new Int32Array(end);
    for (let i = 0; i < end; i++) bucketOf[i] = span > 0 ? Math.min(buckets - 1, Math.floor(((xs[i] - x0) / span) * buckets)) : 0;
    for (let c = 0; c < plotted.length; c++) {
      const values = plotted[c];
      for (let i = 0; i < end; i++) {
        const v = values[i];
        // NaN (a loss not computed) never wins; ±Infinity does, so a blow-up stays on record.
        if (Number.isNaN(v)) continue;
        const slot = (bucketOf[i] * plotted.length + c) * 2;
        if (best[slot] < 0 || v < values[best[slot]]) best[slot] = i;
        if (best[slot + 1] < 0 || v > values[best[slot + 1]]) best[slot + 1] = i;
      }
    }
    const marked = new Uint8Array(end);
    marked[0] = 1;
    marked[end - 1] = 1;
    for (const index of best) if (index >= 0) marked[index] = 1;
    const kept: number[] = [];
    for (let i = 0; i < end; i++) if (marked[i]) kept.push(i);
    return kept;
  }
}
