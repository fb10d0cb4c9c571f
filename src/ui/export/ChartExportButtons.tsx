/**
 * A chart's own export buttons: PNG and SVG of the plots with a key of the runs, made for the chosen preset
 * (the screen at 2×, a 16:9 or 4:3 slide, a paper's column: exportPresets.ts), with or without the title. The
 * choice is the page's, shared by every chart. What was saved, and its size in pixels, goes to the status area.
 */
import type { RefObject } from 'react';
import { useRunStore } from '../../state/runStore';
import { chartSvg, exportFileName, svgToPng, type KeyEntry } from './chartImage';
import { downloadBlob, downloadText } from './download';
import { withDpi } from './pngDpi';
import { EXPORT_PRESETS, exportPreset, useExportChoice, type ExportPresetId } from './exportPresets';
import './export.css';

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
  const { presetId, withTitle, setPreset, setWithTitle } = useExportChoice();
  const preset = exportPreset(presetId);
  const picture = () => (target.current ? chartSvg(target.current, title, runKey, selector, inlineStyles, { size: preset.size, textScale: preset.textScale, withTitle, dpi: preset.dpi }) : null);
  const savePng = async (): Promise<void> => {
    const svg = picture();
    if (!svg) return report('warning', 'export', `The ${title.toLowerCase()} chart has nothing drawn to save yet.`);
    try {
      const png = await svgToPng(svg, preset.pngScale);
      const fileName = exportFileName(name, 'png');
      // A print preset's PNG states its resolution, so it opens at its size in inches.
      const blob = preset.dpi ? new Blob([withDpi(new Uint8Array(await png.blob.arrayBuffer()), preset.dpi)], { type: 'image/png' }) : png.blob;
      downloadBlob(blob, fileName);
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
    report('info', 'export', `Saved ${fileName} (${svg.width}×${svg.height}${preset.dpi ? `, ${svg.width / preset.dpi}×${svg.height / preset.dpi} in` : ''}).`);
  };
  return (
    <span className="export-buttons" role="group" aria-label={`Save the ${title.toLowerCase()} chart`}>
      <select
        className="export-preset"
        data-testid="export-preset"
        aria-label="Saved figure's size (every chart)"
        title={`Saved figure: ${preset.label} (the choice applies to every chart)`}
        value={preset.id}
        disabled={disabled}
        onChange={(e) => setPreset(e.target.value as ExportPresetId)}
      >
        {EXPORT_PRESETS.map((p) => (
          <option key={p.id} value={p.id} title={p.label}>
            {p.short}
          </option>
        ))}
      </select>
      <label className="inline export-title" title="Write the chart's title into the saved picture">
        <input type="checkbox" data-testid="export-title" checked={withTitle} disabled={disabled} onChange={(e) => setWithTitle(e.target.checked)} />
        title
      </label>
      <button type="button" className="small" data-testid={pngTestId} disabled={disabled} onClick={() => void savePng()} title={`Save this chart as a PNG picture (${preset.size ? `${preset.size.width}×${preset.size.height}` : '2× as shown'})`}>
        PNG
      </button>
      <button type="button" className="small" data-testid={svgTestId} disabled={disabled} onClick={saveSvg} title="Save this chart as an SVG (vectors)">
        SVG
      </button>
    </span>
  );
}
