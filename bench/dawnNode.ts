/**
 * WebGPU in Node through Dawn: the npm package `webgpu` (dawn.node, github.com/dawn-gpu/node-webgpu; its README's
 * usage: `Object.assign(globalThis, globals)` and `navigator = { gpu: create([]) }`). It is NOT a dependency of this
 * project (a 51 MB tarball for every `npm ci`): it is imported by name at run time, and its absence is explained.
 * Must run before TF.js's WebGPU backend is imported: that backend registers itself only where `navigator.gpu`
 * exists when its module loads (tfjs-backend-webgpu 4.22, dist/base.js, `if (isWebGPUSupported())`).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What the package exports (its types.d.ts: `create(options: string[]): GPU` and `globals`). */
interface DawnModule {
  create(options: string[]): GPU;
  globals: Record<string, unknown>;
}

export const INSTALL_HINT = 'npm install --no-save webgpu@0.6.2';

/** The package to load: WEBGPU_MODULE (a path to its index.js, or a package name), else `webgpu`. */
function specifier(): string {
  const named = process.env.WEBGPU_MODULE ?? 'webgpu';
  return named.startsWith('.') || isAbsolute(named) ? pathToFileURL(resolve(named)).href : named;
}

/**
 * Loads dawn.node and installs its globals (GPUBufferUsage, GPUMapMode, the GPU* classes) and a `navigator` with
 * its `gpu`, as a browser's worker has them. Exits with status 2 and the way to get the package when it is missing.
 * `options` go to Dawn (`backend=vulkan`, `adapter=…`, `enable-dawn-features=…`: the package's README).
 */
export async function installDawn(options: string[] = []): Promise<GPU> {
  let dawn: DawnModule;
  try {
    dawn = (await import(specifier())) as DawnModule;
  } catch (error) {
    console.error(`Cannot load the WebGPU package for Node (${specifier()}): ${error instanceof Error ? error.message : String(error)}`);
    console.error(`Get it without touching package.json: ${INSTALL_HINT}   (or set WEBGPU_MODULE to its index.js)`);
    process.exit(2);
  }
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create(options);
  // Node 21+ defines `navigator` as a getter (no `gpu`); Node 20 has none. Either way, replace it.
  Object.defineProperty(globalThis, 'navigator', { value: { gpu, userAgent: `node ${process.version}` }, configurable: true, writable: true });
  return gpu;
}

/** The loaded package's name and version, from the package.json beside its index.js. */
export function dawnPackage(): string {
  try {
    const json = JSON.parse(readFileSync(new URL('package.json', import.meta.resolve(specifier())), 'utf8')) as { name?: string; version?: string };
    return `${json.name ?? '?'}@${json.version ?? '?'}`;
  } catch {
    return `${specifier()} (version unknown)`;
  }
}

/** The adapter as WebGPU describes it (GPUAdapterInfo), the one TF.js's backend asks for (high-performance). */
export async function adapterFacts(gpu: GPU): Promise<{ line: string; fallback: boolean } | null> {
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return null;
  const { vendor, architecture, device, description } = adapter.info;
  const fallback = 'isFallbackAdapter' in adapter.info && adapter.info.isFallbackAdapter === true;
  const limits = `maxComputeWorkgroupStorageSize ${adapter.limits.maxComputeWorkgroupStorageSize}, maxComputeInvocationsPerWorkgroup ${adapter.limits.maxComputeInvocationsPerWorkgroup}`;
  return { line: `vendor '${vendor}', architecture '${architecture}', device '${device}', description '${description}', fallback ${fallback}; ${limits}`, fallback };
}
