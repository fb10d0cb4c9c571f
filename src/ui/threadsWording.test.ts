import { describe, expect, it } from 'vitest';
import { reportedCores, threadWords, type ThreadFacts } from './threadsWording';

const text = (facts: ThreadFacts): string => threadWords(facts).parts.map((p) => p.text).join('');
const narrow = (facts: ThreadFacts): string =>
  threadWords(facts)
    .parts.filter((p) => !p.wide)
    .map((p) => p.text)
    .join('');

const isolatedIdle: ThreadFacts = { crossOriginIsolated: true, cores: 8, stepThreads: 1, sweepWorkers: null };

describe('the threads item', () => {
  it('says the isolation, one thread a step, and a sweep worker per core when no sweep runs', () => {
    expect(text(isolatedIdle)).toBe('1 thread · sweep 8 · isolated');
    expect(narrow(isolatedIdle)).toBe('1');
    const lines = threadWords(isolatedIdle).title.split('\n');
    expect(lines).toEqual([
      'Cross-origin isolated: yes (the server sends Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy), so threads could share memory.',
      "A live run: each step on one thread (the training worker's; on WebGPU or WebGL the GPU does its arithmetic): LocoLab does not split a step's batch across cores.",
      'A sweep: up to 8 workers at once, one per core (8 cores); fewer when it has fewer runs, or when their data would not fit in memory.',
    ]);
  });

  it("counts the running sweep's own workers, not the cores", () => {
    const facts: ThreadFacts = { crossOriginIsolated: false, cores: 8, stepThreads: 1, sweepWorkers: 3 };
    expect(text(facts)).toBe('1 thread · sweep 3 · not isolated');
    const lines = threadWords(facts).title.split('\n');
    expect(lines[0]).toBe(
      'Cross-origin isolated: no (the server does not send Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy); sweeps still run a worker per core.',
    );
    expect(lines[2]).toBe('This sweep: 3 workers at once (one per core, at most one per run, as many as fit in memory; 8 cores).');
  });

  it('says one worker, in the singular, on a browser that does not report its cores', () => {
    const facts: ThreadFacts = { crossOriginIsolated: false, cores: null, stepThreads: 1, sweepWorkers: null };
    expect(text(facts)).toBe('1 thread · sweep 1 · not isolated');
    expect(threadWords(facts).title.split('\n')[2]).toBe(
      'A sweep: up to 1 worker at once, one per core (this browser does not say how many cores it has); fewer when it has fewer runs, or when their data would not fit in memory.',
    );
  });

  it('words a step on several threads in the plural', () => {
    const facts: ThreadFacts = { ...isolatedIdle, stepThreads: 4 };
    expect(text(facts)).toBe('4 threads · sweep 8 · isolated');
    expect(threadWords(facts).title.split('\n')[1]).toBe('A live run: each step on 4 threads.');
  });

  it('takes only a positive whole number of cores from the browser', () => {
    expect([4, 1, 0, -2, 2.5, Number.NaN, undefined, '4'].map(reportedCores)).toEqual([4, 1, null, null, null, null, null, null]);
  });
});
