/**
 * The page's words for `auto`'s calibration (issue 18 §4: "the status bar names the choice and the measured
 * rates"), from the facts the worker posts (worker/calibrationFacts.ts; issue 20 §6: the worker sends facts, the
 * page words them). Every number shown is one the worker measured: nothing here estimates or recomputes a rate.
 *
 * In the bar the backend's label says "backend · auto" over the pick ("cpu · fused"), and the item beside it
 * (ui/AutoRatesStat.tsx) reads "measured" over "cpu 1,320 steps/s · webgpu 410 steps/s"; where the bar has less
 * room, two short rows, the pick's in bold: "cpu 1,320/s" over "webgpu 410/s". The title says what each rate was
 * measured over.
 */
import type { CalibratedPath, CalibrationFacts } from '../worker/calibrationFacts';
import { BACKEND_LABELS } from '../worker/protocol';
import { groupedNumber } from '../text/groupedNumber';

/** One piece of the item's value; `sep`: a separator. */
export interface RatePart {
  text: string;
  sep?: boolean;
}

/** A row of the short form: "cpu 1,320/s"; `pick`: the path `auto` took. */
export interface RateRow {
  text: string;
  pick: boolean;
}

export interface CalibrationWords {
  /** The item's value: "cpu 1,320 steps/s · webgpu 410 steps/s". */
  parts: RatePart[];
  /** The short form, a row a path: "cpu 1,320/s", "webgpu 410/s". */
  rows: RateRow[];
  /** The whole story, a sentence a line: the first line the rates in brief (the backend's tooltip starts with it too). */
  title: string;
}

/** A measured rate: "1,320" at 10 and over, "3.9" below (one decimal, where a whole number would hide the difference). */
export function formatCalibratedRate(stepsPerSecond: number): string {
  const digits = stepsPerSecond < 10 ? 1 : 0;
  return groupedNumber(stepsPerSecond, digits);
}

/** Milliseconds as measured: "60.6", "412", "0.812". */
function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toPrecision(3);
}

const UNMEASURED_SHORT = { 'software-plain': 'not timed', failed: 'failed' } as const;

/** "CPU 1,320 steps/s (fused)", "WebGPU not timed (plain, software)". */
function brief(path: CalibratedPath): string {
  const rate = path.measured ? `${formatCalibratedRate(path.measured.stepsPerSecond)} steps/s` : UNMEASURED_SHORT[path.unmeasured ?? 'failed'];
  return `${BACKEND_LABELS[path.backend]} ${rate} (${path.kernelPath}${path.software ? ', software' : ''})`;
}

/** A line of the title for one path: the rate and what it was measured over, or why there is none. */
function pathLine(path: CalibratedPath): string {
  const kernels = path.kernelPath === 'fused' ? 'fused kernels' : 'plain TF.js ops';
  const name = `${BACKEND_LABELS[path.backend]} (${kernels}${path.software ? ', a software GPU' : ''})`;
  const { measured } = path;
  if (measured) {
    const steps = `${groupedNumber(measured.steps)} step${measured.steps === 1 ? '' : 's'}`;
    const over = measured.batches === 1 ? `one timed batch of ${steps}` : `the fastest of ${measured.batches} timed batches of ${steps}`;
    return `${name}: ${formatCalibratedRate(measured.stepsPerSecond)} steps/s, measured over ${over} (${formatMs(measured.ms)} ms).`;
  }
  if (path.unmeasured === 'software-plain') return `${name}: not timed; plain ops on a software GPU lose to the CPU by orders of magnitude.`;
  return `${name}: could not train this problem, so not timed.`;
}

/** Why the pick: the fastest measured (and a software GPU passed over as slower), a tie, or nothing measured. */
function pickLine(facts: CalibrationFacts): string {
  const picked = BACKEND_LABELS[facts.pick];
  const others = facts.paths.filter((p) => p.backend !== facts.pick);
  const softwareSlower = others.filter((p) => p.software && p.measured !== null).map((p) => BACKEND_LABELS[p.backend]);
  if (facts.why === 'none-measured') return `Using ${picked}: no path could be timed, and the CPU always runs.`;
  if (facts.why === 'tie-hardware') return `Using ${picked}: ${softwareSlower.join(' and ') || 'a software GPU'} measured the same, and a software GPU is used only when it is faster.`;
  const slower = softwareSlower.length > 0 ? ` (${softwareSlower.join(' and ')} runs in software here, and measured slower)` : '';
  return `Using ${picked}: the fastest measured${slower}.`;
}

/** The item's value, short form and title for `facts`. */
export function calibrationWords(facts: CalibrationFacts): CalibrationWords {
  const rate = (path: CalibratedPath, unit: string): string =>
    path.measured ? `${formatCalibratedRate(path.measured.stepsPerSecond)}${unit}` : UNMEASURED_SHORT[path.unmeasured ?? 'failed'];
  const parts: RatePart[] = facts.paths.flatMap((path, i): RatePart[] => [
    ...(i > 0 ? [{ text: ' · ', sep: true }] : []),
    { text: `${path.backend} ${rate(path, ' steps/s')}` },
  ]);
  const rows = facts.paths.map((path): RateRow => ({ text: `${path.backend} ${rate(path, '/s')}`, pick: path.backend === facts.pick }));
  const title = [
    `auto: ${facts.paths.map(brief).join(', ')}`,
    pickLine(facts),
    ...facts.paths.map(pathLine),
    "Measured once per problem shape this session, on scratch copies of the run (the run's own steps are not touched).",
  ].join('\n');
  return { parts, rows, title };
}
