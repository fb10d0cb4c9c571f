import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from './scripts/contentSecurityPolicy.ts';
import { mainThreadGuard } from './scripts/mainThreadGuard.ts';

export default defineConfig({
  plugins: [react(), mainThreadGuard(), contentSecurityPolicy()],
  worker: { format: 'es' },
  // Pre-bundled up front so the dev server does not discover them (and reload) when the worker starts.
  optimizeDeps: {
    include: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-webgl', '@tensorflow/tfjs-backend-webgpu'],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 2500 },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    setupFiles: ['src/test/setupTf.ts'],
    testTimeout: 60_000,
  },
});
