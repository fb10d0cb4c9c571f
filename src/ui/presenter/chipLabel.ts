/**
 * A run chip's short label on the presenter bar ("Run 2 · lr 0.5"): the run's number and the one thing that
 * tells it from run 1, so three chips share a row at 1024 px with 24 px type. The full name (useRuns.ts,
 * config/runNames.ts) stays in the chip's tooltip and accessible name.
 */
import type { RunView } from '../useRuns';

/** The parts of a run's name ("Backprop, Adam, lr 0.01" → three parts). */
const parts = (name: string): string[] => name.split(', ').filter((part) => part.length > 0);

/** The first word of a part ("lr 0.5" → "lr", "γ = 3" → "γ"). */
const head = (part: string): string => part.split(' ')[0];

/**
 * What tells run 1 from the others, named as the second run's name names its first difference: the same kind
 * of part of run 1's own name ("lr 0.05" against "lr 0.5"); a schedule against run 1's ("constant" against
 * "one-cycle"); else run 1's algorithm ("Backprop" against "LocoProp-M, γ = 3"). Alone, run 1 shows its rate.
 */
function firstRunDetail(runs: readonly RunView[]): string {
  const own = parts(runs[0].name);
  const other = runs.length > 1 ? parts(runs[1].name)[0] : undefined;
  if (other === undefined) return own.find((part) => head(part) === 'lr') ?? own[0] ?? '';
  const same = own.find((part) => head(part) === head(other));
  if (same) return same;
  if (other === runs[1].config.schedule) return runs[0].config.schedule;
  return own[0] ?? '';
}

export function chipLabel(runs: readonly RunView[], index: number): string {
  const run = runs[index];
  const detail = index === 0 ? firstRunDetail(runs) : (parts(run.name)[0] ?? '');
  return detail ? `Run ${run.position} · ${detail}` : `Run ${run.position}`;
}
