/**
 * The words of the top bar's `threads` item (issue 18 §1: "the status bar says which" threading is in use), from
 * facts only: whether the page is cross-origin isolated, how many cores the browser reports, how many threads a
 * live run's step uses, and how many workers the running sweep has. The facts are gathered in ThreadsStat.tsx;
 * nothing here reads the browser.
 *
 * The item reads "1 thread · sweep 2 · isolated"; where the bar has less room only a step's thread count shows
 * ("1": two bare numbers side by side read as a puzzle), the rest staying for screen readers (barRoom.ts,
 * ThreadsStat.tsx), and the title says it all in sentences.
 */

export interface ThreadFacts {
  /** `self.crossOriginIsolated`: the server sent COOP `same-origin` and COEP `require-corp`. */
  crossOriginIsolated: boolean;
  /** `navigator.hardwareConcurrency`; null where the browser does not report it. */
  cores: number | null;
  /** Threads one step of a live run trains on. */
  stepThreads: number;
  /** Workers of the sweep running now; null when no sweep runs. */
  sweepWorkers: number | null;
}

/** One piece of the item's text; `wide` pieces (its words) are shown only where the bar has room for them; `sep`: a separator. */
export interface ThreadTextPart {
  text: string;
  wide: boolean;
  sep?: boolean;
}

export interface ThreadWords {
  parts: ThreadTextPart[];
  /** The whole story, a sentence a line (the item's title). */
  title: string;
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The cores as a usable count: a positive whole number, else null (a browser that does not say). */
export function reportedCores(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

/** How many workers a sweep starts with no more runs than cores: one per core (worker/sweepPool.ts), one where the cores are unknown. */
export function sweepWorkersPerCore(cores: number | null): number {
  return cores ?? 1;
}

export function threadWords(facts: ThreadFacts): ThreadWords {
  const { crossOriginIsolated, cores, stepThreads, sweepWorkers } = facts;
  const sweep = sweepWorkers ?? sweepWorkersPerCore(cores);
  const parts: ThreadTextPart[] = [
    { text: String(stepThreads), wide: false },
    { text: stepThreads === 1 ? ' thread' : ' threads', wide: true },
    { text: ' · ', wide: true, sep: true },
    { text: 'sweep ', wide: true },
    { text: String(sweep), wide: true },
    { text: ' · ', wide: true, sep: true },
    { text: crossOriginIsolated ? 'isolated' : 'not isolated', wide: true },
  ];
  const coresText = cores === null ? 'this browser does not say how many cores it has' : count(cores, 'core', 'cores');
  const isolation = crossOriginIsolated
    ? 'Cross-origin isolated: yes (the server sends Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy), so threads could share memory.'
    : 'Cross-origin isolated: no (the server does not send Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy); sweeps still run a worker per core.';
  const step =
    stepThreads === 1
      ? "A live run: each step on one thread (the training worker's; on WebGPU or WebGL the GPU does its arithmetic): LocoLab does not split a step's batch across cores."
      : `A live run: each step on ${count(stepThreads, 'thread', 'threads')}.`;
  const sweepLine =
    sweepWorkers === null
      ? `A sweep: up to ${count(sweep, 'worker', 'workers')} at once, one per core (${coresText}); fewer when it has fewer runs, or when their data would not fit in memory.`
      : `This sweep: ${count(sweepWorkers, 'worker', 'workers')} at once (one per core, at most one per run, as many as fit in memory; ${coresText}).`;
  return { parts, title: [isolation, step, sweepLine].join('\n') };
}
