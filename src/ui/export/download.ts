/** Saving a file from the page: a Blob behind a temporary object URL, clicked as a download link. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a minute later: the browser reads the URL after click() returns, and on a busy machine later than a
  // second (fresh-clone CI of e0009b7: the page said "Saved …slide.png" and no download came). The blob is held
  // until then.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadText(text: string, fileName: string, type: string): void {
  downloadBlob(new Blob([text], { type }), fileName);
}
