/**
 * What a long main-thread task did, from the V8 sampling profiler's samples in a Chromium trace (category
 * 'disabled-by-default-v8.cpu_profiler': 'Profile' and 'ProfileChunk' events, on the trace's clock, so a sample
 * falls inside the RunTask event that ran it). For each task, the functions with the most samples under them
 * (inclusive, each function counted once per sample) and by self time; with a build made with `--minify false`
 * the names are the source's (components, stores, chart models).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame {
  functionName?: string;
  url?: string;
  lineNumber?: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  parent?: number;
}

export interface ProfileEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  id?: string;
  args?: { data?: { startTime?: number; cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } };
}

interface Sample {
  /** Trace time, µs. */
  ts: number;
  /** Frames from leaf to root, as "name file:line". */
  stack: string[];
}

const frameName = (frame: CallFrame): string => `${frame.functionName || '(anonymous)'} ${(frame.url ?? '').split('/').pop() ?? ''}:${(frame.lineNumber ?? -1) + 1}`;

/** The samples of the profiles of one thread ("pid/tid", where its 'Profile' event was posted), with their stacks. */
export function traceSamples(events: ProfileEvent[], thread: string): Sample[] {
  const profiles = new Map<string, { at: number; nodes: Map<number, ProfileNode>; samples: Sample[] }>();
  for (const e of events) {
    const key = `${e.pid}/${e.id ?? ''}`;
    if (e.name === 'Profile' && `${e.pid}/${e.tid}` === thread) profiles.set(key, { at: e.args?.data?.startTime ?? e.ts, nodes: new Map(), samples: [] });
    if (e.name !== 'ProfileChunk') continue;
    const profile = profiles.get(key);
    const data = e.args?.data;
    if (!profile || !data) continue;
    for (const node of data.cpuProfile?.nodes ?? []) profile.nodes.set(node.id, node);
    const ids = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    ids.forEach((id, i) => {
      profile.at += deltas[i] ?? 0;
      const stack: string[] = [];
      for (let node = profile.nodes.get(id); node; node = node.parent === undefined ? undefined : profile.nodes.get(node.parent)) stack.push(frameName(node.callFrame));
      profile.samples.push({ ts: profile.at, stack });
    });
  }
  return [...profiles.values()].flatMap((p) => p.samples).sort((a, b) => a.ts - b.ts);
}

/**
 * Where a frame's code came from: with a build made with `--minify false`, each bundled module starts with a
 * comment naming it (`// src/ui/charts/LossChart.tsx`), so a chunk's line gives its module.
 */
export function moduleResolver(dist: string): (frame: string) => string {
  const starts = new Map<string, { line: number; name: string }[]>();
  const dir = join(dist, 'assets');
  for (const file of existsSync(dir) ? readdirSync(dir) : []) {
    if (!file.endsWith('.js')) continue;
    const marks: { line: number; name: string }[] = [];
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const match = /^\/\/ ((?:src|node_modules)\/\S+)$/.exec(text);
        if (match) marks.push({ line: i + 1, name: match[1].replace(/^node_modules\/((?:@[^/]+\/)?[^/]+).*$/, '$1') });
      });
    starts.set(file, marks);
  }
  return (frame) => {
    const match = /^(.*) (\S*):(\d+)$/.exec(frame);
    if (!match) return frame;
    const [, name, file, line] = match;
    const marks = starts.get(file);
    if (!marks) return file ? `${file}` : name;
    let found = '(chunk start)';
    for (const mark of marks) if (mark.line <= Number(line)) found = mark.name;
    return found;
  };
}

/** The modules the samples in [from, to) µs ran (self: the innermost frame with a source; inclusive: any frame). */
export function moduleSummary(samples: Sample[], from: number, to: number, moduleOf: (frame: string) => string, top = 12): string {
  const inTask = samples.filter((s) => s.ts >= from && s.ts < to);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const s of inTask) {
    const sourced = s.stack.filter((frame) => !/ :0$/.test(frame));
    const leaf = sourced[0] ? moduleOf(sourced[0]) : (s.stack[0] ?? '(none)').replace(/ :0$/, '');
    self.set(leaf, (self.get(leaf) ?? 0) + 1);
    for (const module of new Set(sourced.map(moduleOf))) if (module.startsWith('src/')) inclusive.set(module, (inclusive.get(module) ?? 0) + 1);
  }
  const list = (m: Map<string, number>): string =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => `${((100 * n) / Math.max(1, inTask.length)).toFixed(0)}% ${name}`)
      .join(' | ');
  return `\n    modules, self: ${list(self)}\n    source modules, inclusive: ${list(inclusive)}`;
}

const IDLE = new Set(['(idle) :0', '(program) :0', '(root) :0', '(garbage collector) :0']);

/** The top functions of the samples in [from, to) µs: inclusive and self, "count name" (a sample ≈ 1 ms at the default interval). */
export function taskSummary(samples: Sample[], from: number, to: number, top = 10): string {
  const inTask = samples.filter((s) => s.ts >= from && s.ts < to);
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  for (const s of inTask) {
    const leaf = s.stack[0] ?? '(none)';
    self.set(leaf, (self.get(leaf) ?? 0) + 1);
    for (const frame of new Set(s.stack)) if (!IDLE.has(frame)) inclusive.set(frame, (inclusive.get(frame) ?? 0) + 1);
  }
  const list = (m: Map<string, number>): string =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => `${n} ${name}`)
      .join(' | ');
  return `${inTask.length} samples\n    inclusive: ${list(inclusive)}\n    self: ${list(self)}`;
}
