/**
 * A loaded CSV file's feature checkboxes. Past LONG_FEATURE_LIST they scroll in a box of their own under a legend
 * counting those in use, with buttons to use all or the first alone (a 100,000-column file's 1,023 checkboxes made
 * the settings column ~21,000 px tall, and choosing two of them took 1,021 clicks), and the list is one Tab stop:
 * a roving tabindex (WAI-ARIA Authoring Practices, "Developing a Keyboard Interface", managing focus within
 * components), ↑/↓ move between the checkboxes, PageUp/PageDown by a page (the focus moves, not only the scroll:
 * a scrolled-away focus let Space toggle a checkbox out of sight), Home/End go to the first and last, Space toggles
 * as usual, and the focused checkbox is kept scrolled into view.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import type { CsvColumnSummary } from '../../worker/protocol';
import { featureLegend, featureListTarget, featurePageSize, LONG_FEATURE_LIST, toggleCsvFeature } from './csvPanelModel';

interface Props {
  columns: readonly CsvColumnSummary[];
  label: number;
  /** The features in use, by column index. */
  features: readonly number[];
  /** The feature columns the file offers (csvPanelModel.featureCandidates), in column order. */
  candidates: readonly number[];
  choose: (label: number, features: number[]) => void;
}

export function CsvFeatureList({ columns, label, features, candidates, choose }: Props) {
  const long = candidates.length > LONG_FEATURE_LIST;
  const inUse = new Set(features);
  const lastOne = (i: number): boolean => features.length === 1 && inUse.has(i);
  const enabled = candidates.map((i) => !lastOne(i));
  const [active, setActive] = useState(0);
  // The Tab stop: the checkbox last focused, or the first enabled one where that one cannot take the focus.
  const tabStop = enabled[active] ? active : enabled.indexOf(true);
  const list = useRef<HTMLDivElement>(null);

  const boxes = (): NodeListOf<HTMLInputElement> | undefined => list.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]');
  // Rows whole in sight, less one, from the box's height and the distance between two rows' tops.
  const pageSize = (): number => {
    const rows = list.current?.querySelectorAll<HTMLElement>('.feature-option');
    if (!list.current || !rows || rows.length < 2) return 1;
    return featurePageSize(list.current.clientHeight, rows[1].offsetTop - rows[0].offsetTop);
  };
  const reveal = (box: HTMLElement | null | undefined): void => box?.closest('label')?.scrollIntoView({ block: 'nearest' });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (!long) return;
    // Space toggles the focused checkbox: bring it back into sight first if the box was scrolled away from it.
    if (event.key === ' ') {
      reveal(boxes()?.[tabStop]);
      return;
    }
    const next = featureListTarget(event.key, tabStop, enabled, pageSize());
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    const box = boxes()?.[next];
    box?.focus({ preventScroll: true });
    reveal(box);
  };

  return (
    <fieldset className="csv-features">
      <legend data-testid="csv-features-legend">{featureLegend(features.length, candidates.length)}</legend>
      {long ? (
        <div className="csv-feature-tools">
          <button type="button" className="small" data-testid="csv-features-all" onClick={() => choose(label, [...candidates])}>
            Use all
          </button>
          <button type="button" className="small" data-testid="csv-features-first" onClick={() => choose(label, candidates.slice(0, 1))}>
            Use the first only
          </button>
        </div>
      ) : null}
      <div ref={list} className={long ? 'csv-feature-list is-long' : 'csv-feature-list'} data-testid="csv-features-list" onKeyDown={onKeyDown}>
        {candidates.map((i, k) => (
          <label key={i} className="feature-option">
            <input
              type="checkbox"
              data-testid={`csv-feature-${i}`}
              checked={inUse.has(i)}
              disabled={lastOne(i)}
              tabIndex={!long || k === tabStop ? 0 : -1}
              title={lastOne(i) ? 'At least one feature stays in use' : undefined}
              onFocus={() => setActive(k)}
              onChange={(e) => choose(label, toggleCsvFeature(columns, { label, features: [...features] }, i, e.target.checked))}
            />
            {columns[i].name}
          </label>
        ))}
      </div>
      <p className="help">
        Numeric columns only. Two features show the decision regions on the plane.{long ? ' ↑ ↓ PageUp PageDown Home End move through the list; Space ticks or clears the focused feature.' : ''}
      </p>
    </fieldset>
  );
}
