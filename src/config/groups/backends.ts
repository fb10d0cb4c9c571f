/** Which TF.js backend the run asks for; `auto` prefers WebGPU, then WebGL, then the CPU. */
export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];
