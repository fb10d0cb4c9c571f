/**
 * Probes as declarations (TF.js-free): a probe names the per-layer quantities it reads back at a diagnosed
 * step, how a repeated run's seeds combine them, and what they are called in the CSV and on the chart. The
 * session packs every registered probe into the tick's one readback and unpacks it by these declarations
 * (engine/probeReadback.ts); the run's series, the CSV and the charts pick a probe up by its name.
 */

export interface ProbeDeclaration<Quantity extends string = string> {
  name: string;
  /** Each quantity is one number per layer, read back at every diagnosed step. */
  quantities: readonly Quantity[];
  /** A repeated run shows the lead seed's values, or their median over seeds. */
  seeds: 'lead' | 'median';
  /** The CSV's metric name per quantity; layer m's column is `<name>_layer<m + 1>`. */
  csv: Record<Quantity, string>;
}

/** One diagnosed step's values: quantity → per layer. */
export type ProbeReading = Record<string, number[]>;

/** Every probe's reading of one diagnosed step, by probe name. */
export type ProbeReadings = Record<string, ProbeReading>;

/** The numbers one probe's readback holds: quantities × layers. */
export const probeLength = (declaration: ProbeDeclaration, layers: number): number => declaration.quantities.length * layers;

/** Splits a probe's values (quantity-major: every layer of the first quantity, then the next) into its reading. */
export function readProbe(declaration: ProbeDeclaration, values: ArrayLike<number>, layers: number): ProbeReading {
  return Object.fromEntries(declaration.quantities.map((quantity, q) => [quantity, Array.from({ length: layers }, (_, m) => values[q * layers + m])]));
}

/** The median of each value over the seeds' readings (NaN where a seed has none: a diverged seed). */
export function medianReading(declaration: ProbeDeclaration, readings: readonly ProbeReading[]): ProbeReading {
  const median = (values: number[]): number => {
    const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
    if (finite.length === 0) return Number.NaN;
    const mid = finite.length >> 1;
    return finite.length % 2 === 1 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
  };
  const layers = readings[0]?.[declaration.quantities[0]]?.length ?? 0;
  return Object.fromEntries(
    declaration.quantities.map((quantity) => [quantity, Array.from({ length: layers }, (_, m) => median(readings.map((r) => r[quantity]?.[m] ?? Number.NaN)))]),
  );
}
