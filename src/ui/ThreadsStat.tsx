/**
 * The top bar's `threads` item (issue 18 §1): what threading is in use, worded by threadsWording.ts from facts
 * read here: the page's cross-origin isolation (its workers share it: a dedicated worker of an isolated page is
 * isolated, and e2e/threads.spec.ts checks the training and sweep workers), the cores the browser reports, the
 * running sweep's workers (state/sweepStore.ts), and STEP_THREADS. Last in the bar and the first to give way
 * (barRoom.ts): its words, then its numbers, where the live numbers need the room.
 */
import { useBarRoom } from './barRoom';
import { useSweepStore } from './sweep/sweepStoreInstance';
import { reportedCores, threadWords, type ThreadTextPart } from './threadsWording';

/**
 * Threads a live run's step trains on: the training worker runs each step itself, start to end (its fused CPU
 * kernels and TF.js's CPU backend are single-threaded; nothing shares memory between threads); no step's batch
 * is split across cores.
 */
const STEP_THREADS = 1;

function pageFacts(): { crossOriginIsolated: boolean; cores: number | null } {
  if (typeof self === 'undefined') return { crossOriginIsolated: false, cores: null };
  return { crossOriginIsolated: self.crossOriginIsolated === true, cores: reportedCores(self.navigator?.hardwareConcurrency) };
}

function Parts({ parts }: { parts: ThreadTextPart[] }) {
  return parts.map((part, i) => (
    <span key={i} className={[part.wide ? 'threads-word' : '', part.sep ? 'stat-sep' : ''].join(' ').trim() || undefined}>
      {part.text}
    </span>
  ));
}

const CLASS_NAMES = { wide: 'stat', compact: 'stat threads-compact', out: 'stat threads-compact stat-out' } as const;

export function ThreadsStat() {
  const sweepWorkers = useSweepStore((s) => (s.status === 'running' ? (s.record?.workers ?? null) : null));
  const { parts, title } = threadWords({ ...pageFacts(), stepThreads: STEP_THREADS, sweepWorkers });
  const [ref, level] = useBarRoom<HTMLDivElement>();
  return (
    <div className={CLASS_NAMES[level]} ref={ref}>
      <span className="stat-label">threads</span>
      <span className="stat-value" data-testid="threads" title={title}>
        <Parts parts={parts} />
      </span>
      {/* Each form's width, for barRoom.ts: out of the flow, out of sight, and hidden from screen readers. */}
      <span className="stat-value stat-measure" data-measure="wide" aria-hidden="true">
        <Parts parts={parts.map((part) => ({ ...part, wide: false }))} />
      </span>
      <span className="stat-value stat-measure" data-measure="compact" aria-hidden="true">
        <Parts parts={parts.filter((part) => !part.wide)} />
      </span>
    </div>
  );
}
