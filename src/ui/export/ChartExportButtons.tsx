/**
 * A chart's own export buttons: PNG (the plots at 2×, with a title and a key of the runs) and SVG (the same
 * picture as vectors). What was saved, and its size in pixels, goes to the status area.
 */
import type { RefObject } from 'react';
import { useRunStore } from '../../state/runStore';
import { chartSvg, exportFileName, svgToPng, type KeyEntry } from './chartImage';
import { downloadBlob, downloadText } from './download';

interface Props {
  /** The element holding the chart's plots (Recharts SVGs). */
  target: RefObject<HTMLElement | null>;
  /** Short name for the files: "loss", "learning-rate", "layer-statistics". */
  name: string;
  title: string;
  runKey: readonly KeyEntry[];
  pngTestId: string;
  svgTestId: string;
  disabled?: boolean;
  /** The plots to draw (Recharts' by default) and whether they need their CSS written in (chartImage.chartSvg). */
  selector?: string;
  inlineStyles?: boolean;
}

export function ChartExportButtons({ target, name, title, runKey, pngTestId, svgTestId, disabled = false, selector, inlineStyles = false }: Props) {
  const report = useRunStore((s) => s.report);
  const picture = () => (target.current ? chartSvg(target.current, title, runKey, selector, inlineStyles) : null);
  const savePng = async (): Promise<void> => {
    const svg = picture();
    if (!svg) return report('warning', 'export', `The ${title.toLowerCase()} chart has nothing drawn to save yet.`);
    try {
      const png = await svgToPng(svg);
      const fileName = exportFileName(name, 'png');
      downloadBlob(png.blob, fileName);
      report('info', 'export', `Saved ${fileName} (${png.width}×${png.height} px).`);
    } catch (error) {
      report('error', 'export', `The PNG could not be made: ${error instanceof Error ? error.message : String(error)}.`);
    }
  };
  const saveSvg = (): void => {
    const svg = picture();
    if (!svg) return report('warning', 'export', `The ${title.toLowerCase()} chart has nothing drawn to save yet.`);
    const fileName = exportFileName(name, 'svg');
    downloadText(svg.markup, fileName, 'image/svg+xml');
    report('info', 'export', `Saved ${fileName} (${svg.width}×${svg.height}).`);
  };
  return (
    <span className="export-buttons" role="group" aria-label={`Save the ${title.toLowerCase()} chart`}>
      <button type="button" className="small" data-testid={pngTestId} disabled={disabled} onClick={() => void savePng()} title={`Save this chart as a PNG picture (2×)`}>
        PNG
      </button>
      <button type="button" className="small" data-testid={svgTestId} disabled={disabled} onClick={saveSvg} title="Save this chart as an SVG (vectors)">
        SVG
      </button>
    </span>
  );
}
