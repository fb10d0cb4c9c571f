/**
 * The first test images of an image problem, on canvas (grey levels, scaled up with sharp pixels). With
 * classes each image carries its predicted label and probability, and a wrong one a red border and the true
 * class in words ("✗ true 3"), so the mark is never colour alone. With the autoencoder each original stands
 * beside its live reconstruction. Redrawn at most a few times a second, and not at all off screen. The
 * difficulty panel's toggle frames each image in the share of runs that get it right (with "k of n runs
 * right" in words), and its filter keeps only the images it names (DifficultyPanel.tsx).
 */
import type { Problem } from '../../engine/data/problem';
import type { GalleryPayload } from '../../worker/protocol';
import { useDifficultyView } from '../../state/difficultyView';
import { css } from '../colors';
import { useSelectedRun, useSelectedRunId, useThrottledRun } from '../services';
import { useRuns } from '../useRuns';
import { useOnScreen } from '../useOnScreen';
import { agreementColor, testSetKey } from './difficultyModel';
import { classLabel, galleryPredictions, galleryScore } from './galleryModel';
import { GalleryComparisonView, useGalleryComparison } from './GalleryComparison';
import { GreyImage } from './GreyImage';
import { useDifficulty } from './useDifficulty';

/** Per test example, how many of `runs` compared runs get it right (colour on), and the filter's mask. */
interface GalleryOverlay {
  agreement: { right: Uint8Array; runs: number } | null;
  mask: Uint8Array | null;
}

/** CSS pixels per image side: at least 56, a whole multiple of the image side (digits 8×8 at 8×, MNIST 14×14 at 5×). */
export function displaySize(width: number): number {
  return Math.max(56, Math.min(96, Math.ceil(64 / width) * width));
}

function ClassGallery({ problem, gallery, outputs, overlay }: { problem: Problem; gallery: GalleryPayload; outputs: Float32Array | null; overlay: GalleryOverlay }) {
  const { width, height } = problem.image ?? { width: 1, height: 1 };
  const size = displaySize(width);
  const pixels = width * height;
  const predictions = galleryPredictions(gallery, outputs, problem.outputSize);
  const { known, right } = galleryScore(predictions);
  const { agreement, mask } = overlay;
  const kept = mask ? predictions.filter((_, i) => mask[i] === 1).length : predictions.length;
  return (
    <>
      <p className="chart-explain">
        The first {gallery.count} test images with the network&apos;s prediction (and its probability) under each; a wrong one has a red border and its true class.
        {known > 0 ? (
          <>
            {' '}
            <strong data-testid="gallery-score">
              {right} of {known} right
            </strong>
            .
          </>
        ) : null}
        {mask ? (
          <>
            {' '}
            <span data-testid="gallery-filtered">
              {kept === 0 ? 'None of them is among the examples the difficulty filter keeps.' : `Showing the ${kept} of them the difficulty filter keeps.`}
            </span>
          </>
        ) : null}
      </p>
      <ol className="gallery-grid" style={{ gridTemplateColumns: `repeat(auto-fill, minmax(${size + 10}px, 1fr))` }}>
        {predictions.map((p, i) => {
          if (mask && mask[i] !== 1) return null;
          const runsRight = agreement && i < agreement.right.length ? agreement.right[i] : null;
          const shade = runsRight === null || !agreement ? null : css(agreementColor(runsRight / agreement.runs));
          const truth = p.truth === null ? null : classLabel(problem, p.truth);
          const predicted = p.predicted === null ? null : classLabel(problem, p.predicted);
          const wrong = p.correct === false;
          const title = `Test image ${i + 1}${truth === null ? '' : `, true ${truth}`}: ${predicted === null ? 'no prediction yet' : `predicted ${predicted} (p = ${(p.probability ?? 0).toFixed(2)})`}`;
          return (
            <li
              key={i}
              className={`gallery-item${wrong ? ' wrong' : ''}${shade ? ' agreement' : ''}`}
              data-testid="gallery-item"
              data-correct={p.correct === null ? undefined : String(p.correct)}
              data-runs-right={runsRight ?? undefined}
              title={title}
              style={shade ? { boxShadow: `inset 0 0 0 4px ${shade}` } : undefined}
            >
              <GreyImage values={gallery.images} offset={i * pixels} width={width} height={height} size={size} label={title} testId="gallery-image" />
              <span className="gallery-label" data-testid="gallery-prediction">
                {predicted === null ? '—' : (
                  <>
                    <strong>{predicted}</strong> <span className="gallery-p">{Math.round((p.probability ?? 0) * 100)}%</span>
                  </>
                )}
              </span>
              {wrong && truth !== null ? <span className="gallery-truth">✗ true {truth}</span> : null}
              {shade && agreement ? (
                <span className="gallery-agreement" data-testid="gallery-agreement">
                  <span className="difficulty-swatch" style={{ background: shade }} aria-hidden="true" />
                  {runsRight} of {agreement.runs} runs right
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </>
  );
}

function ReconstructionGallery({ problem, gallery, outputs }: { problem: Problem; gallery: GalleryPayload; outputs: Float32Array | null }) {
  const { width, height } = problem.image ?? { width: 1, height: 1 };
  const size = displaySize(width);
  const pixels = width * height;
  const usable = outputs !== null && outputs.length >= gallery.count * pixels;
  return (
    <>
      <p className="chart-explain">
        The first {gallery.count} test images, each <strong>original</strong> (left) beside the network&apos;s <strong>reconstruction</strong> (right), refreshed as it trains.
      </p>
      <ol className="gallery-grid pairs" style={{ gridTemplateColumns: `repeat(auto-fill, minmax(${2 * size + 14}px, 1fr))` }}>
        {Array.from({ length: gallery.count }, (_, i) => (
          <li key={i} className="gallery-pair" data-testid="gallery-pair">
            <figure>
              <GreyImage values={gallery.images} offset={i * pixels} width={width} height={height} size={size} label={`Test image ${i + 1}, original`} testId="gallery-original" />
              <figcaption>original</figcaption>
            </figure>
            <figure>
              {usable ? (
                <GreyImage values={outputs} offset={i * pixels} width={width} height={height} size={size} label={`Test image ${i + 1}, reconstruction`} testId="gallery-reconstruction" />
              ) : (
                <span className="gallery-pending" style={{ width: size, height: (size * height) / width }}>
                  —
                </span>
              )}
              <figcaption>reconstruction</figcaption>
            </figure>
          </li>
        ))}
      </ol>
    </>
  );
}

export function ImageGallery() {
  const [ref, onScreen] = useOnScreen<HTMLElement>();
  const problem = useSelectedRun<Problem | null>((run) => run.problem, null);
  const gallery = useSelectedRun<GalleryPayload | null>((run) => run.gallery, null);
  // Predictions arrive with each grid refresh; a few redraws a second are plenty, none while off screen.
  const outputs = useThrottledRun<Float32Array | null>((run) => run.galleryOutputs, null, 250, !onScreen);
  const selectedId = useSelectedRunId();
  const runs = useRuns();
  const { colour, filter, sweep } = useDifficultyView();
  const autoencoder = problem?.task === 'autoencoder';
  const pixels = problem?.image ? problem.image.width * problem.image.height : 0;
  // An autoencoder compared across runs shows every visible run's reconstructions, one row each.
  const comparison = useGalleryComparison(autoencoder && runs.length > 1, pixels, !onScreen);
  const difficulty = useDifficulty(!colour && filter === 'all');
  if (!problem?.image || !gallery || gallery.count === 0) return null;
  // A sweep's runs (SweepDifficulty.tsx), or the difficulty panel's, colour the selected run's test images where it
  // has their test set (its own seed's: compared at another seed, the gallery's images are not those).
  const selectedView = runs.find((r) => r.id === selectedId);
  const compared = selectedView && difficulty?.model.testSet === testSetKey(selectedView.config) && difficulty.model.runs.some((r) => r.id === selectedId) ? difficulty : null;
  const bySweep = sweep && selectedView && testSetKey(selectedView.config) === sweep.testSet ? sweep : null;
  const overlay: GalleryOverlay = bySweep
    ? { agreement: { right: bySweep.right, runs: bySweep.runs }, mask: bySweep.mask }
    : {
        agreement: colour && compared ? { right: compared.model.right, runs: compared.model.runs.length } : null,
        mask: filter !== 'all' && compared ? compared.mask : null,
      };
  // With several runs, say whose predictions these are (the selected run's; a click on a run row changes it).
  const run = runs.length > 1 && !comparison ? runs.find((r) => r.id === selectedId) : undefined;
  return (
    <section ref={ref} className="image-gallery" data-testid="image-gallery" aria-labelledby="image-gallery-heading">
      <h3 id="image-gallery-heading">
        {comparison ? 'Test images and each run’s reconstructions' : autoencoder ? 'Test images and their reconstructions' : 'Test images and predictions'}
        {run ? (
          <span className="gallery-run" data-testid="gallery-run">
            {' '}
            by <span className="swatch" style={{ background: run.color }} aria-hidden="true" /> run {run.position}
          </span>
        ) : null}
      </h3>
      {comparison ? (
        <GalleryComparisonView problem={problem} comparison={comparison} />
      ) : autoencoder ? (
        <ReconstructionGallery problem={problem} gallery={gallery} outputs={outputs} />
      ) : (
        <ClassGallery problem={problem} gallery={gallery} outputs={outputs} overlay={overlay} />
      )}
    </section>
  );
}
