import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'test-results', 'test-results-*', 'playwright-report', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { property: 'dataSync', message: 'Synchronous readback breaks WebGPU here; use await data().' },
        { property: 'arraySync', message: 'Synchronous readback breaks WebGPU here; use await array().' },
        { property: 'toLocaleString', message: "ICU's first number format is a long main-thread task; use groupedNumber (src/text/groupedNumber.ts)." },
      ],
    },
  },
  { files: ['**/*.test.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'], rules: { 'no-restricted-properties': ['error', { property: 'dataSync' }, { property: 'arraySync' }] } },
  { files: ['**/*.mjs'], languageOptions: { globals: globals.node } },
  {
    // The worker side (host, protocol, client) knows no store and no UI: the client emits events, state subscribes.
    files: ['src/worker/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', 'zustand', '**/ui/**', '**/state/**'] }] },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'The engine is seeded: use createRandom(seed).' },
        { property: 'dataSync', message: 'Synchronous readback breaks WebGPU here; use await data().' },
        { property: 'arraySync', message: 'Synchronous readback breaks WebGPU here; use await array().' },
        { property: 'toLocaleString', message: "ICU's first number format is a long main-thread task; use groupedNumber (src/text/groupedNumber.ts)." },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: ['react', 'react-dom', 'zustand', '**/ui/**', '**/state/**', '**/worker/**'] },
      ],
    },
  },
);
