/** A shipped data file, fetched from the app's own origin only when a run names its data set (both workers). */
import { ShippedFileUnavailable } from './dataFacts';

export async function readShipped(file: string): Promise<Uint8Array> {
  const url = new URL(`${import.meta.env.BASE_URL}data/${file}`, self.location.origin);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new ShippedFileUnavailable(url.pathname, { code: 'fetch-failed', message: error instanceof Error ? error.message : String(error) });
  }
  if (!response.ok) throw new ShippedFileUnavailable(url.pathname, { code: 'http', status: response.status });
  return new Uint8Array(await response.arrayBuffer());
}
