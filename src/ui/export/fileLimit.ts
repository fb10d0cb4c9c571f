import { groupedNumber } from '../../text/groupedNumber';
/**
 * A chosen file's size checked before a byte of it is read (issue 21): File.size comes from the file system,
 * with no read (W3C File API, "The size attribute"), while File.text() reads and decodes the whole file on the
 * main thread, and rejects outright past V8's longest string. The experiment and sweep imports read through
 * here; the CSV panel has its own check (engine/data/csvLimits.ts), shared with the worker.
 */

/** What an import reads at most: `bytes`, and how a refusal names the file and the limit ("an experiment file", "1 MB"). */
export interface FileLimit {
  bytes: number;
  kind: string;
  words: string;
}

/** A chosen file as an import sees it: its name, its size and a way to read it (a File is one). */
export interface ChosenFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

const byteCount = (n: number): string => groupedNumber(n);

/** Why a file of `size` bytes is not read, or null when it may be. */
export function fileSizeProblem(size: number, limit: FileLimit): string | null {
  if (size <= limit.bytes) return null;
  return `The file is ${byteCount(size)} bytes; ${limit.kind} is at most ${byteCount(limit.bytes)} bytes (${limit.words}).`;
}

/** The file's text, or why it was not read: too big by its size (then never read), or a read that failed. */
export async function readChosenText(file: ChosenFile, limit: FileLimit): Promise<{ ok: true; text: string } | { ok: false; why: string }> {
  const tooBig = fileSizeProblem(file.size, limit);
  if (tooBig !== null) return { ok: false, why: tooBig };
  try {
    return { ok: true, text: await file.text() };
  } catch (error) {
    return { ok: false, why: `It could not be read (${error instanceof Error ? error.message : String(error)}).` };
  }
}
