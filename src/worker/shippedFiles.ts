/** A shipped data file, fetched from the app's own origin only when a run names its data set (both workers). */
import { DataUnavailable } from '../engine/data/dataSources';

export async function readShipped(file: string): Promise<Uint8Array> {
  const url = new URL(`${import.meta.env.BASE_URL}data/${file}`, self.location.origin);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new DataUnavailable(`the data file ${url.pathname} could not be fetched (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!response.ok) throw new DataUnavailable(`the data file ${url.pathname} could not be fetched (HTTP ${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}
