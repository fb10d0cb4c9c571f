/**
 * A build check: the page's own bundle (everything but the training worker) must not contain TF.js
 * (DESIGN.md §1: only the worker touches tensors). TF.js on the main thread reads the whole query string
 * with decodeURIComponent for its `tfjsflags`, so a malformed link could blank the page, and it costs
 * the page a large download it never uses. The worker is built separately and is not checked here.
 */
import type { Plugin } from 'vite';

const FORBIDDEN = /[\\/]node_modules[\\/]@tensorflow[\\/]/;

/** The module ids that must not be in a main-thread chunk. */
export function forbiddenOnMainThread(moduleIds: Iterable<string>): string[] {
  return [...moduleIds].filter((id) => FORBIDDEN.test(id));
}

export interface GuardOptions {
  /**
   * Entry names (build inputs) of test pages that run TF.js on their own thread on purpose: their entry
   * chunks are not checked. Chunks they share with the app still are.
   */
  testEntries?: readonly string[];
}

export function mainThreadGuard(options: GuardOptions = {}): Plugin {
  const testEntries = new Set(options.testEntries ?? []);
  return {
    name: 'locolab-main-thread-guard',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        if (output.isEntry && testEntries.has(output.name)) continue;
        const offenders = forbiddenOnMainThread(output.moduleIds);
        if (offenders.length > 0) {
          const shown = offenders.slice(0, 3).map((id) => id.replace(/.*node_modules[\\/]/, '')).join(', ');
          this.error(
            `TF.js reached the main-thread chunk ${output.fileName} (${offenders.length} modules: ${shown}…). ` +
              'Import names from TF.js-free modules (src/engine/names.ts, algorithmCatalog.ts); only the worker may load TF.js.',
          );
        }
      }
    },
  };
}

/**
 * What the workers' builds leave out (vite.config.ts `worker.rolldownOptions.external`): every component. The
 * probes' entries name their charts by a dynamic import; followed in a worker's build, it emitted the charts'
 * chunks with React and Recharts beside the worker.
 */
export const WORKER_EXTERNAL = [/\.tsx$/];

const FORBIDDEN_IN_WORKER = /[\\/]node_modules[\\/](react|react-dom|recharts|scheduler)[\\/]/;

/**
 * The twin check for the workers' bundles (vite.config.ts `worker.plugins`): no React or Recharts there. The
 * worker reads the page's probe registry (src/probes/registry.ts), whose entries name their charts by a loader
 * only the page calls; a chart or a hook reached by a static import would bring React into every worker.
 */
export function workerGuard(): Plugin {
  return {
    name: 'locolab-worker-guard',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        const offenders = [...output.moduleIds].filter((id) => FORBIDDEN_IN_WORKER.test(id));
        if (offenders.length > 0) {
          const shown = offenders.slice(0, 3).map((id) => id.replace(/.*node_modules[\\/]/, '')).join(', ');
          this.error(`React reached the worker chunk ${output.fileName} (${offenders.length} modules: ${shown}…). A worker must not import UI modules; a probe's chart is reached through its loadChart only.`);
        }
      }
    },
  };
}
