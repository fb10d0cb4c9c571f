// Node's ESM loader wants full file names; TF.js's ESM files import extensionless paths (`import
// './gradients'`), as bundlers allow. The benchmark needs those files (autodiff for the `optimizer.minimize`
// baseline), so this resolve hook retries a failed relative import as `<path>.js`, then `<path>/index.js`.
// Loaded with `tsx --import` before the benchmark.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
    const RETRY = new Set(['ERR_UNSUPPORTED_DIR_IMPORT', 'ERR_MODULE_NOT_FOUND']);
    export async function resolve(specifier, context, next) {
      try {
        return await next(specifier, context);
      } catch (error) {
        if (!RETRY.has(error?.code) || !specifier.startsWith('.')) throw error;
        try {
          return await next(specifier + '.js', context);
        } catch {
          return next(specifier + '/index.js', context);
        }
      }
    }
  `)}`,
);
