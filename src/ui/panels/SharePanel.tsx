/** Share and export: filled in by the export work of issue 12 (experiment JSON, PyTorch script). */
export function SharePanel() {
  return null;
}
