/**
 * The enlarged unit (hover or keyboard focus): its heatmap, histogram or weight image drawn large, named, with
 * its incoming weights' range and, for an algorithm with local targets (LocoProp), the unit's targets at the latest
 * diagnosed step: from the targets panel's sample (units 1–8), or sampled for this unit once it was enlarged.
 */
import { useEffect, useRef } from 'react';
import { ALGORITHM_INFO, type AlgorithmName } from '../../algorithms/registry';
import type { LayerDiagnostics } from '../../engine/train/diagnostics';
import type { NeuronsReading } from '../../probes/neurons/declaration';
import { drawHeatmap, drawHistogram, drawWeightImage } from './neuronCanvas';
import { fmt, incomingText, planeRange, unitCounts, unitName, unitTargets, type UnitTargets } from './neuronModel';

const LARGE = 132;

function TargetsPlot({ targets, space }: { targets: UnitTargets; space: string }) {
  const values = [...targets.activation, ...targets.target, ...targets.landed].filter(Number.isFinite);
  const lo = Math.min(...values, 0);
  const hi = Math.max(...values, 0);
  const span = hi - lo || 1;
  const width = 200;
  const height = 64;
  const n = targets.activation.length;
  const x = (i: number): number => 6 + ((width - 12) * (i + 0.5)) / Math.max(1, n);
  const y = (v: number): number => height - 4 - ((height - 8) * (v - lo)) / span;
  const meanShift = targets.target.reduce((s, t, i) => s + Math.abs(t - targets.activation[i]), 0) / Math.max(1, n);
  return (
    <figure className="neuron-targets" data-testid="neuron-targets">
      <svg width={width} height={height} role="img" aria-label={`${space} and its target T on ${n} examples; mean |T − ${space}| ${fmt(meanShift)}`}>
        <line x1={0} x2={width} y1={y(0)} y2={y(0)} className="neuron-targets-zero" />
        {targets.activation.map((h, i) => (
          <g key={i}>
            <line x1={x(i)} x2={x(i)} y1={y(h)} y2={y(targets.target[i])} className="neuron-targets-shift" />
            <circle cx={x(i)} cy={y(h)} r={2.2} className="neuron-targets-h" />
            <circle cx={x(i)} cy={y(targets.target[i])} r={2.2} className="neuron-targets-t" />
          </g>
        ))}
      </svg>
      <figcaption>
        {space} (grey) → target T (blue) on {n} examples of the step&apos;s batch; mean |T − {space}| {fmt(meanShift)}
      </figcaption>
    </figure>
  );
}

export interface NeuronDetailProps {
  reading: NeuronsReading | null;
  layer: number;
  unit: number;
  activation: string;
  algorithm: AlgorithmName | null;
  diagnostics: LayerDiagnostics[] | null;
  /** Position in the view, px. */
  left: number;
  top: number;
}

export function NeuronDetail({ reading, layer, unit, activation, algorithm, diagnostics, left, top }: NeuronDetailProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const images = layer === 0 ? (reading?.firstLayerImages ?? null) : null;
  const counts = reading ? unitCounts(reading, layer, unit) : null;
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !reading) return;
    const plane = reading.plane;
    if (plane?.layers[layer]) drawHeatmap(canvas, plane.layers[layer], unit * plane.side * plane.side, plane.side, LARGE);
    else if (images) drawWeightImage(canvas, images.values, unit * images.width * images.height, images.width, images.height, LARGE);
  }, [reading, layer, unit, images]);
  const histogramRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (histogramRef.current && counts) drawHistogram(histogramRef.current, counts, 200, 56, '#0072b2');
  }, [counts]);
  const range = reading ? planeRange(reading, layer, unit) : null;
  const incoming = reading ? incomingText(reading, layer, unit) : null;
  const info = algorithm ? ALGORITHM_INFO[algorithm] : null;
  const targets = info?.innerLoop ? unitTargets(diagnostics, layer, unit, reading?.units[layer] ?? 0) : null;
  const h = reading?.histograms;
  return (
    <div className="neuron-detail" data-testid="neuron-detail" style={{ left, top }}>
      <p className="neuron-detail-title">
        {unitName(layer, unit)} <span className="muted">({activation})</span>
      </p>
      {reading?.plane || images ? <canvas ref={canvasRef} style={{ width: LARGE, height: LARGE }} aria-hidden="true" /> : null}
      {range ? (
        <p>
          Output over the plane {fmt(range[0])} to {fmt(range[1])}
        </p>
      ) : null}
      {images ? <p className="muted">Its incoming weights as an image: blue positive, orange negative.</p> : null}
      {counts && h ? (
        <>
          <canvas
            ref={histogramRef}
            style={{ width: 200, height: 56 }}
            data-testid="neuron-histogram"
            role="img"
            aria-label={`Counts in ${h.bins} bins from ${fmt(h.low[layer])} to ${fmt(h.high[layer])}: ${Array.from(counts).join(', ')}`}
          />
          <p className="neuron-axis">
            <span>{fmt(h.low[layer])}</span>
            <span>{fmt(h.high[layer])}</span>
          </p>
          <p className="muted">Its activation on {h.examples} test examples (the layer&apos;s range in {h.bins} bins).</p>
        </>
      ) : null}
      {incoming ? <p>{incoming}</p> : null}
      {!reading ? <p className="muted">Drawn at the next diagnosed step.</p> : null}
      {info?.innerLoop ? (
        targets ? (
          <TargetsPlot targets={targets} space={info.targetSpace} />
        ) : (
          <p className="muted">{diagnostics ? 'This unit’s targets come with the next diagnosed step (units past 8 are sampled once enlarged).' : 'Targets come with the next diagnosed step.'}</p>
        )
      ) : null}
    </div>
  );
}
