/**
 * One chunk for what the first screen loads lazily (Rolldown's `output.codeSplitting.groups`): the first screen's
 * module (ui/stages/firstScreen.ts), the probes' charts (each probe's `loadChart` import, probes/<name>/probe.ts)
 * and every module they import that no entry imports statically. Left to Rolldown's automatic splitting, the
 * charts, which the registry names and the e2e build's test page also reaches (through the engine), share Recharts
 * and the chart helpers with the first screen in 14 files (e2e build), 4 with this group (a page load costs per
 * file; DESIGN §7). The entries' static graphs are not touched, nor the page's start (main.tsx imports React and
 * boot.tsx's modules), which carries the controls only (e2e/layout.spec).
 */
import type { ChunkingContext, CodeSplittingGroup, ModuleInfo } from 'rolldown';

const FIRST_SCREEN = /[\\/]src[\\/]ui[\\/]stages[\\/]firstScreen\.ts$/;
/** The page's entry, which loads React and then the page's own modules (boot.tsx) by dynamic imports, one task each. */
const PAGE_ENTRY = /[\\/]src[\\/]main\.tsx$/;
const PROBE_ENTRY = /[\\/]src[\\/]probes[\\/][^\\/]+[\\/]probe\.ts$/;

/** The modules reachable from `roots` by static imports. */
function staticClosure(roots: readonly string[], info: (id: string) => ModuleInfo | null): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(info(id)?.importedIds ?? []));
  }
  return seen;
}

/** The group; `entries` are the build's inputs (the HTML pages), whose static graphs stay out of it. */
export function firstScreenChunk(entries: readonly string[]): CodeSplittingGroup {
  // Worked out once a chunking pass: Rolldown hands out the same module info objects within one (ChunkingContext).
  const passes = new WeakMap<ModuleInfo, Set<string>>();
  const membersOf = (ctx: ChunkingContext): Set<string> => {
    const info = (moduleId: string): ModuleInfo | null => ctx.getModuleInfo(moduleId);
    const pass = info(entries[0]);
    const known = pass === null ? undefined : passes.get(pass);
    if (known !== undefined) return known;
    // What the page evaluates before its first paint: the entries' static graphs and, for the page's entry, the
    // static graphs of the two modules it imports in turn (React, then boot.tsx's).
    const started = staticClosure(entries, info);
    const booted = [...started].filter((m) => PAGE_ENTRY.test(m)).flatMap((m) => info(m)?.dynamicallyImportedIds ?? []);
    const initial = new Set([...started, ...staticClosure(booted, info)]);
    // The first screen's module (App.tsx imports it) and the probes' charts (the registry, which the entry imports).
    const imported = [...initial].flatMap((m) => info(m)?.dynamicallyImportedIds ?? []);
    const charts = [...initial].filter((m) => PROBE_ENTRY.test(m)).flatMap((m) => info(m)?.dynamicallyImportedIds ?? []);
    const roots = [...imported.filter((m) => FIRST_SCREEN.test(m)), ...charts];
    const members = new Set([...staticClosure(roots, info)].filter((m) => !initial.has(m)));
    if (pass !== null) passes.set(pass, members);
    return members;
  };
  return {
    name: (id, ctx) => (membersOf(ctx).has(id) ? 'firstScreen' : null),
    debugName: 'firstScreen',
    // The members are closed under static imports already, less what an entry imports (the entry's chunks have it).
    includeDependenciesRecursively: false,
  };
}
