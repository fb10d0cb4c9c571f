/** A shipped file that cannot be fetched is thrown as its path and the raw reason (issue 20 §6), not a sentence. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShippedFileUnavailable } from './dataFacts';
import { readShipped } from './shippedFiles';

afterEach(() => vi.unstubAllGlobals());

async function failureOf(fetchStub: () => Promise<Response>): Promise<unknown> {
  vi.stubGlobal('self', { location: { origin: 'http://localhost:4319' } });
  vi.stubGlobal('fetch', fetchStub);
  return readShipped('iris.bin').catch((error: unknown) => error);
}

describe('readShipped', () => {
  it('a rejected fetch: the path and the browser’s message as given', async () => {
    const failure = await failureOf(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(failure).toBeInstanceOf(ShippedFileUnavailable);
    const { file, problem } = failure as ShippedFileUnavailable;
    expect({ file, problem }).toEqual({ file: `${import.meta.env.BASE_URL}data/iris.bin`, problem: { code: 'fetch-failed', message: 'Failed to fetch' } });
  });

  it('an HTTP error: the path and the status', async () => {
    const failure = await failureOf(() => Promise.resolve(new Response('', { status: 404 })));
    expect(failure).toBeInstanceOf(ShippedFileUnavailable);
    const { file, problem } = failure as ShippedFileUnavailable;
    expect({ file, problem }).toEqual({ file: `${import.meta.env.BASE_URL}data/iris.bin`, problem: { code: 'http', status: 404 } });
  });
});
