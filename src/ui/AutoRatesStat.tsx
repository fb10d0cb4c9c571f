/**
 * The top bar's `auto` item (issue 18 §4: "the status bar names the choice and the measured rates"): shown while
 * the backend is `auto`'s measured pick, beside the backend (whose label then reads "backend · auto", TopBar.tsx).
 * It reads "measured" over the rate each path measured ("cpu 1,320 steps/s · webgpu 410 steps/s"), worded by
 * state/calibrationMessages.ts from the worker's facts; the title says what each rate was measured over. Where the
 * bar is short of room it is two small rows in the stat's height, the pick's in bold ("cpu 1,320/s" over
 * "webgpu 410/s": `auto-rates-short`, the long form staying for screen readers), and where even that would push
 * the live numbers onto a second row the item steps out of sight, still read by screen readers (barRoom.ts); the
 * threads item gives way before it.
 */
import { calibrationWords, type RatePart, type RateRow } from '../state/calibrationMessages';
import { useRunStore } from '../state/runStore';
import { useBarRoom, type GivesWayFirst } from './barRoom';

/** The threads item (ThreadsStat.tsx), the bar's last and least urgent, gives way before this one. */
const threadsFirst: GivesWayFirst = (stat) => stat.querySelector('[data-testid="threads"]') !== null;

function Parts({ parts }: { parts: RatePart[] }) {
  return parts.map((part, i) => (
    <span key={i} className={part.sep ? 'stat-sep' : undefined}>
      {part.text}
    </span>
  ));
}

function Rows({ rows, testId, title }: { rows: RateRow[]; testId?: string; title: string }) {
  return (
    <span className="rates-rows" data-testid={testId} title={title}>
      {rows.map((row, i) => (
        <span key={i} className={row.pick ? 'rates-pick' : undefined}>
          {row.text}
        </span>
      ))}
    </span>
  );
}

const CLASS_NAMES = { wide: 'stat', compact: 'stat rates-compact', out: 'stat rates-compact stat-out' } as const;

export function AutoRatesStat() {
  const calibration = useRunStore((s) => s.backend?.calibration ?? null);
  const [ref, level] = useBarRoom<HTMLDivElement>(threadsFirst);
  if (calibration === null) return null;
  const { parts, rows, title } = calibrationWords(calibration);
  const short = (testId?: string) => <Rows rows={rows} testId={testId} title={title} />;
  return (
    <div className={CLASS_NAMES[level]} ref={ref}>
      <span className="stat-label rates-long">measured</span>
      <span className="stat-value rates-long" data-testid="auto-rates" title={title}>
        <Parts parts={parts} />
      </span>
      {/* The short form (the long one stays for screen readers), shown where the bar is short of room. */}
      <span className="rates-short" aria-hidden="true">
        {short('auto-rates-short')}
      </span>
      {/* Each form's width, for barRoom.ts: out of the flow, out of sight, and hidden from screen readers. */}
      <span className="stat-value stat-measure" data-measure="wide" aria-hidden="true">
        <Parts parts={parts} />
      </span>
      <span className="stat-measure" data-measure="compact" aria-hidden="true">
        {short()}
      </span>
    </div>
  );
}
