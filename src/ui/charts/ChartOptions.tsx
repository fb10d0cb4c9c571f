/**
 * A chart's tool row kept to one line: the options used while watching (the `main` ones) in the row, the rest
 * (axes, windows, bands, the CSV and the figure export) behind a small "Chart options" disclosure button
 * (WAI-ARIA APG Disclosure pattern, https://www.w3.org/WAI/ARIA/apg/patterns/disclosure/: a button with
 * aria-expanded and aria-controls that shows or hides the panel it names). Closed, the panel's controls are out of
 * the Tab order and hidden from screen readers; open, they follow the button in both orders. The panel stays
 * inside `.chart-controls`, so presenter mode's rule that hides the tool rows hides it too.
 */
import { useId, useState, type ReactNode } from 'react';

export function ChartOptions({ main, testId, children }: { main: ReactNode; testId: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="chart-controls chart-options">
      <div className="chart-options-row">
        {main}
        <button type="button" className="small chart-options-button" data-testid={testId} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
          Chart options <span aria-hidden="true">{open ? '▴' : '▾'}</span>
        </button>
      </div>
      <div id={panelId} className="chart-options-panel" hidden={!open} data-testid={`${testId}-panel`}>
        {children}
      </div>
    </div>
  );
}
