// A worker_threads entry for bench/sweep-bench.ts: Node 20's workers do not inherit tsx's loader from the
// parent (`--import tsx` in execArgv is not enough), so this plain-JS entry registers it, then imports the
// TypeScript module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
