/**
 * Neurons you can see (issue 19 §3), as TensorFlow Playground shows them: on a plane, each hidden unit's output
 * over the plane as a small heatmap on the decision boundary's scale, with the edges between layers coloured
 * by sign and sized by |weight|; on other data, each unit's activation histogram over a fixed test batch, and
 * on images the first layer's weights as images, for the selected run. Hover or focus enlarges a unit
 * (NeuronDetail). The worker measures it only for that run while the view is open and on screen
 * (neuronRequest.ts), at the diagnostics cadence, in the tick's one readback (probes/neurons). One tab stop: the
 * arrow keys move between units.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { isPlanar } from '../../engine/data/problem';
import { NEURON_UNITS_SHOWN, type NeuronsReading } from '../../probes/neurons/declaration';
import { useConfigValue, useSelectedRun, useSelectedRunId, useServices, useThrottledRun } from '../services';
import { useElementWidth } from '../useElementWidth';
import { useOnScreen } from '../useOnScreen';
import { drawEdges, drawHeatmap, drawHistogram, drawWeightImage } from './neuronCanvas';
import { NeuronDetail } from './NeuronDetail';
import { fmt, moveFocus, networkPicture, planeRange, unitName, type UnitBox } from './neuronModel';
import { useNeuronViewRequest } from './neuronRequest';
import './neurons.css';

const REDRAW_MS = 250;
const HISTOGRAM = { width: 34, height: 16 };
const WEIGHT_IMAGE = 30;

type Focus = { layer: number; unit: number };
const keyOf = (layer: number, unit: number): string => `${layer}:${unit}`;

/** Whether the reading describes the network the panel shows (a new run's first reading may still be on its way). */
const matches = (reading: NeuronsReading | null, hidden: readonly number[]): reading is NeuronsReading =>
  reading !== null && reading.units.length === hidden.length && reading.units.every((n, m) => n === hidden[m]);

export function NeuronGrid() {
  const { client } = useServices();
  const hidden = useConfigValue('hidden');
  const activations = useConfigValue('activation');
  const problem = useSelectedRun((run) => run.problem, null);
  const algorithm = useSelectedRun((run) => run.algorithm, null);
  const [open, setOpen] = useState(true);
  const [screenRef, onScreen] = useOnScreen<HTMLElement>();
  // Its open state followed by a listener of the element's own: a <details open> fires `toggle` once it is
  // inserted, and React's onToggle handled that as a discrete event, rendering in it whatever React had waiting
  // (13–52 ms by wall clock in the page's start, issue 20 §7). Here that first event changes nothing.
  const detailsRef = useCallback(
    (element: HTMLDetailsElement | null) => {
      screenRef(element);
      if (!element) return;
      let shown = element.open;
      const follow = (): void => {
        if (element.open === shown) return;
        shown = element.open;
        setOpen(shown);
      };
      element.addEventListener('toggle', follow);
      return () => {
        element.removeEventListener('toggle', follow);
        screenRef(null);
      };
    },
    [screenRef],
  );
  const wanted = open && onScreen && hidden.length > 0;
  const runId = useSelectedRunId();
  // The unit last enlarged: the worker samples its targets at the diagnosed steps (LocoProp's detail shows them).
  const [enlarged, setEnlarged] = useState<Focus | null>(null);
  useNeuronViewRequest(client, wanted ? runId : null, enlarged);
  const rawReading = useThrottledRun((run) => run.neurons, null, REDRAW_MS, !wanted);
  const diagnostics = useThrottledRun((run) => run.diagnostics, null, REDRAW_MS, !wanted);
  const reading = matches(rawReading, hidden) ? rawReading : null;
  const plane = problem === null || isPlanar(problem);
  const shown = useMemo(() => hidden.map((n) => Math.min(n, NEURON_UNITS_SHOWN)), [hidden]);
  const [widthRef, width] = useElementWidth();
  const picture = useMemo(() => (plane && width > 0 ? networkPicture(shown, width, problem?.inputSize ?? 2, problem?.outputSize ?? 1) : null), [plane, shown, width, problem]);

  const gridRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const edgesRef = useRef<HTMLCanvasElement>(null);
  // The mounted elements by unit (filled by their ref callbacks, read by the drawing effect and the handlers).
  const [mounted] = useState(() => ({ heat: new Map<string, HTMLCanvasElement>(), weights: new Map<string, HTMLCanvasElement>(), units: new Map<string, HTMLDivElement>() }));
  useEffect(() => {
    if (!reading) return;
    const started = performance.now();
    if (picture && edgesRef.current) drawEdges(edgesRef.current, picture, reading);
    const planeValues = reading.plane;
    mounted.heat.forEach((canvas, key) => {
      const [m, u] = key.split(':').map(Number);
      if (planeValues?.layers[m]) {
        const size = picture?.units[m]?.[u]?.size ?? 0;
        if (size > 0) drawHeatmap(canvas, planeValues.layers[m], u * planeValues.side * planeValues.side, planeValues.side, size);
      } else if (reading.histograms?.counts[m]) {
        const { bins, counts } = reading.histograms;
        drawHistogram(canvas, counts[m].subarray(u * bins, (u + 1) * bins), HISTOGRAM.width, HISTOGRAM.height, '#0072b2');
      }
    });
    const images = reading.firstLayerImages;
    if (images) mounted.weights.forEach((canvas, key) => drawWeightImage(canvas, images.values, Number(key.split(':')[1]) * images.width * images.height, images.width, images.height, WEIGHT_IMAGE));
    // The page's own cost of a redraw, for the report (DESIGN.md §6): read by the benches, asserted nowhere.
    gridRef.current?.setAttribute('data-draw-ms', (performance.now() - started).toFixed(2));
  }, [reading, picture, mounted]);

  const [focus, setFocus] = useState<Focus>({ layer: 0, unit: 0 });
  const [active, setActive] = useState<(Focus & { left: number; top: number }) | null>(null);
  const show = (layer: number, unit: number): void => {
    const element = mounted.units.get(keyOf(layer, unit));
    const stage = stageRef.current;
    if (!element || !stage) return;
    setEnlarged((before) => (before?.layer === layer && before.unit === unit ? before : { layer, unit }));
    const box = element.getBoundingClientRect();
    const frame = stage.getBoundingClientRect();
    // Beside the unit where there is room (right, else left), else just below it: never over it.
    const detailWidth = 224;
    const right = box.right - frame.left + 8;
    const left = box.left - frame.left - detailWidth - 8;
    const top = Math.max(0, box.top - frame.top - 8);
    if (right + detailWidth <= frame.width) setActive({ layer, unit, left: right, top });
    else if (left >= 0) setActive({ layer, unit, left, top });
    else setActive({ layer, unit, left: Math.max(0, Math.min(box.left - frame.left, frame.width - detailWidth)), top: box.bottom - frame.top + 6 });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const next = moveFocus(shown, focus.layer, focus.unit, event.key);
    if (!next) return;
    event.preventDefault();
    setFocus(next);
    mounted.units.get(keyOf(next.layer, next.unit))?.focus();
  };

  const unitProps = (layer: number, unit: number) => {
    const range = reading ? planeRange(reading, layer, unit) : null;
    return {
      'data-testid': 'neuron',
      'data-layer': layer + 1,
      'data-unit': unit,
      role: 'img',
      'aria-label': `${unitName(layer, unit)} (${activations[layer]})${range ? `: output ${fmt(range[0])} to ${fmt(range[1])}` : ''}`,
      tabIndex: focus.layer === layer && focus.unit === unit ? 0 : -1,
      ref: (element: HTMLDivElement | null) => {
        if (element) mounted.units.set(keyOf(layer, unit), element);
        else mounted.units.delete(keyOf(layer, unit));
      },
      onMouseEnter: () => show(layer, unit),
      onMouseLeave: () => setActive(null),
      onFocus: () => {
        setFocus({ layer, unit });
        show(layer, unit);
      },
      onBlur: () => setActive(null),
    };
  };
  const canvasRef = (map: Map<string, HTMLCanvasElement>, key: string) => (element: HTMLCanvasElement | null) => {
    if (element) map.set(key, element);
    else map.delete(key);
  };

  const unitView = (box: UnitBox) => (
    <div key={keyOf(box.layer, box.unit)} className="neuron" style={{ left: box.x, top: box.y, width: box.size, height: box.size }} {...unitProps(box.layer, box.unit)}>
      <canvas ref={canvasRef(mounted.heat, keyOf(box.layer, box.unit))} style={{ width: box.size, height: box.size }} />
    </div>
  );

  const note = plane
    ? 'Each unit’s output over the plane (orange −1, blue +1); edges by weight (blue +, orange −, width |w|).'
    : `Each unit’s activations on a test batch${problem?.image ? '; layer 1’s weights as images' : ''}.`;
  return (
    <details className="neuron-view" open={open} ref={detailsRef}>
      <summary>Neurons</summary>
      <p className="help">{note} Hover or focus a unit to enlarge it (arrow keys move).</p>
      <div ref={widthRef} className="neuron-width">
        <div ref={stageRef} className="neuron-stage">
        <div
          ref={gridRef}
          className={`neuron-grid ${plane ? 'plane' : 'histograms'}`}
          data-testid="neuron-grid"
          data-state={reading ? 'drawn' : 'waiting'}
          role="group"
          aria-label="Hidden units"
          onKeyDown={onKeyDown}
          style={picture ? { height: picture.height } : undefined}
        >
          {picture ? (
            <>
              <canvas ref={edgesRef} className="neuron-edges" style={{ width: picture.width, height: picture.height }} aria-hidden="true" />
              {picture.inputs.map((node, i) => (
                <span key={`in${i}`} className="neuron-io" style={{ left: node.x, top: node.y, width: node.size, height: node.size }} title={problem?.featureNames[i]}>
                  {problem?.featureNames[i]?.slice(0, 3) ?? `x${i + 1}`}
                </span>
              ))}
              {picture.units.flat().map(unitView)}
              {picture.outputs.map((node, i) => (
                <span key={`out${i}`} className="neuron-io" style={{ left: node.x, top: node.y, width: node.size, height: node.size }} title="output">
                  ŷ
                </span>
              ))}
            </>
          ) : null}
          {!plane
            ? shown.map((n, m) => (
                <section key={m} className="neuron-layer" aria-label={`Layer ${m + 1}`}>
                  <h3>
                    Layer {m + 1} <span className="muted">({hidden[m] > n ? `first ${n} of ${hidden[m]} units` : `${n} units`}, {activations[m]})</span>
                  </h3>
                  <div className="neuron-row">
                    {Array.from({ length: n }, (_, u) => (
                      <div key={u} className="neuron" {...unitProps(m, u)}>
                        {m === 0 && problem?.image ? (
                          <canvas data-testid="neuron-weight-image" ref={canvasRef(mounted.weights, keyOf(m, u))} style={{ width: WEIGHT_IMAGE, height: WEIGHT_IMAGE }} />
                        ) : null}
                        <canvas ref={canvasRef(mounted.heat, keyOf(m, u))} style={HISTOGRAM} />
                      </div>
                    ))}
                  </div>
                </section>
              ))
            : null}
        </div>
          {active ? (
            <NeuronDetail
              reading={reading}
              layer={active.layer}
              unit={active.unit}
              activation={activations[active.layer] ?? ''}
              algorithm={algorithm}
              diagnostics={diagnostics}
              left={active.left}
              top={active.top}
            />
          ) : null}
        </div>
      </div>
    </details>
  );
}
