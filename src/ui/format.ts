/** Number formatting for the status bar, tooltips and messages. */

/**
 * 4 significant digits (DESIGN.md §6: losses are shown with 4 or more); below 0.001 always with an exponent,
 * so 3.962e-6 and 1.082e-7 read alike (toPrecision alone writes 0.000003962 for one and 1.082e-7 for the other).
 */
export function formatLoss(value: number | undefined): string {
  if (value === undefined) return '—';
  if (!Number.isFinite(value)) return String(value);
  return value !== 0 && Math.abs(value) < 1e-3 ? value.toExponential(3) : value.toPrecision(4);
}

/** Up to 4 significant digits without trailing zeros: 0.01, 0.003162, 10. */
export function formatRate(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  return String(Number(value.toPrecision(4)));
}

export function formatStepsPerSecond(value: number): string {
  if (value <= 0) return '—';
  return value >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

export function roundToSignificant(value: number, digits: number): number {
  return Number(value.toPrecision(digits));
}

/** A share (0–1) as a percentage with one decimal; NaN (regression: no classes) as a dash. */
export function formatAccuracy(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(1)}%`;
}

/** Training time: milliseconds below a second, seconds (3 significant digits) above. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toPrecision(3))} s`;
}
