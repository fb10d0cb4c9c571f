/**
 * Legends drawn as HTML beside the Recharts plots: one entry per run (its colour, name and, for a repeated run,
 * how its band is drawn), and keys for what dash patterns mean. Recharts' own legend would list every series
 * (train, test, raw, band… per run), which stops being readable past two runs.
 */
import type { ChartRun, LegendEntry } from './runChartModel';
import './charts.css';

/** A short sample of a line: its colour, width and dash pattern. */
export function LineSample({ color, dash, width = 2 }: { color: string; dash?: string | undefined; width?: number }) {
  return (
    <svg className="line-sample" width={26} height={10} aria-hidden="true">
      <line x1={1} y1={5} x2={25} y2={5} stroke={color} strokeWidth={width} strokeDasharray={dash} />
    </svg>
  );
}

/** The loss chart's legend: a solid/dashed key once, then one entry per run. */
export function LossLegend({ entries, testDash }: { entries: LegendEntry[]; testDash: string | undefined }) {
  return (
    <ul className="run-legend" aria-label="Runs drawn">
      <li className="run-legend-key">
        <LineSample color="#5d6677" /> train <LineSample color="#5d6677" dash={testDash} /> test
      </li>
      {entries.map((entry) => (
        <li key={entry.runId} className="run-legend-entry" title={entry.note ? `${entry.label} (${entry.note})` : entry.label}>
          <span className="run-swatch" style={{ background: entry.color }} />
          <span className="run-legend-label">{entry.label}</span>
          {entry.note ? <span className="run-legend-note">({entry.note})</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The other charts' key: each run's colour and number (the loss chart above names them in full). */
export function RunKey({ runs, children }: { runs: readonly Pick<ChartRun, 'id' | 'position' | 'name' | 'color'>[]; children?: React.ReactNode }) {
  return (
    <ul className="run-legend compact" aria-label="Runs drawn">
      {runs.map((run) => (
        <li key={run.id} className="run-legend-entry" title={`Run ${run.position} · ${run.name}`}>
          <span className="run-swatch" style={{ background: run.color }} />
          Run {run.position}
        </li>
      ))}
      {children ? <li className="run-legend-key">{children}</li> : null}
    </ul>
  );
}
