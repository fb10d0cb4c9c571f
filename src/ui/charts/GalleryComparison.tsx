/**
 * The runs' reconstructions side by side (the paper's scene compares backprop and LocoProp this way, after
 * Amid, Anil & Warmuth 2022, arXiv:2106.06199, on the deep autoencoder): the first test images in a top row and
 * each visible run's reconstruction of them in a row of its own, labelled by the run's number, colour and name.
 * The columns wrap in bands as wide as the panel, every band with all the rows, so the same image lines up
 * across runs.
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Problem } from '../../engine/data/problem';
import { useComparisonView } from '../../state/comparisonView';
import { useRunStore } from '../../state/runStore';
import { useRuns } from '../useRuns';
import { useThrottledSelector } from '../useThrottled';
import { galleryBands, galleryComparison, type GalleryComparison } from './galleryModel';
import { GreyImage } from './GreyImage';
import './galleryComparison.css';

type RunState = ReturnType<typeof useRunStore.getState>;
const selectRuns = (state: RunState): RunState['runs'] => state.runs;

/** The visible runs' reconstructions over the same test images, or null for fewer than two (redrawn ≤ 4 times a second). */
export function useGalleryComparison(enabled: boolean, pixels: number, paused: boolean): GalleryComparison | null {
  const views = useRuns();
  const hidden = useComparisonView((state) => state.hidden);
  const data = useThrottledSelector(useRunStore, selectRuns, 250, null, paused || !enabled);
  return useMemo(() => {
    if (!enabled) return null;
    const runs = views
      .filter((view) => !hidden.has(view.id))
      .map((view) => ({ id: view.id, position: view.position, name: view.name, color: view.color, gallery: data[view.id]?.gallery ?? null, outputs: data[view.id]?.galleryOutputs ?? null }));
    return galleryComparison(runs, pixels);
  }, [enabled, views, hidden, data, pixels]);
}

/** CSS pixels per image side in the comparison: about 40, a whole multiple of the image side. */
export function compareSize(width: number): number {
  return Math.max(32, Math.ceil(40 / width) * width);
}

function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** Room for the row labels ("original", a swatch and "Run 2"; the names are in the key above). */
const LABEL_WIDTH = 76;

export function GalleryComparisonView({ problem, comparison }: { problem: Problem; comparison: GalleryComparison }) {
  const { width, height } = problem.image ?? { width: 1, height: 1 };
  const pixels = width * height;
  const size = compareSize(width);
  const [ref, boxWidth] = useWidth<HTMLDivElement>();
  const { gallery, rows, otherImages } = comparison;
  const columns = Math.max(4, Math.floor((boxWidth - LABEL_WIDTH) / (size + 6)));
  const bands = galleryBands(rows[0].indices, columns);
  const pending = <span className="gallery-pending" style={{ width: size, height: (size * height) / width }}>—</span>;
  return (
    <>
      <p className="chart-explain">
        The first {gallery.count} test images (<strong>original</strong>) and each run&apos;s <strong>reconstruction</strong> of them, one row per run, refreshed as they train.
        {otherImages.length > 0 ? ` Run${otherImages.length === 1 ? '' : 's'} ${otherImages.join(', ')} test${otherImages.length === 1 ? 's' : ''} other images and ${otherImages.length === 1 ? 'is' : 'are'} not shown.` : ''}
      </p>
      <ul className="gallery-key" data-testid="gallery-key">
        {rows.map((row) => (
          <li key={row.id}>
            <span className="swatch" style={{ background: row.color }} aria-hidden="true" /> <strong>Run {row.position}</strong> · {row.name}
          </li>
        ))}
      </ul>
      <div ref={ref} className="gallery-compare" data-testid="gallery-comparison" data-runs={rows.length}>
        {bands.map((band) => (
          <table key={band[0]} className="gallery-table" aria-label={`Test images ${band[0] + 1}–${band[band.length - 1] + 1}: originals and each run's reconstructions`}>
            <tbody>
              <tr data-testid="gallery-originals">
                <th scope="row">original</th>
                {band.map((i) => (
                  <td key={i}>
                    <GreyImage values={gallery.images} offset={i * pixels} width={width} height={height} size={size} label={`Test image ${i + 1}, original`} testId="gallery-original" row="original" index={i} />
                  </td>
                ))}
              </tr>
              {rows.map((row) => (
                <tr key={row.id} data-testid="gallery-run-row" data-run={row.position}>
                  <th scope="row" title={`Run ${row.position} · ${row.name}`}>
                    <span className="gallery-row-run">
                      <span className="swatch" style={{ background: row.color }} aria-hidden="true" /> Run {row.position}
                    </span>
                  </th>
                  {band.map((i) => (
                    <td key={i}>
                      {row.outputs ? (
                        <GreyImage values={row.outputs} offset={i * pixels} width={width} height={height} size={size} label={`Test image ${i + 1}, reconstruction by run ${row.position}`} testId="gallery-reconstruction" row={`run-${row.position}`} color={row.color} index={i} />
                      ) : (
                        pending
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </>
  );
}
