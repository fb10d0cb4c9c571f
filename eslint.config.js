import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Why the page and the worker word numbers without ICU (src/text/groupedNumber.ts). */
const ICU_MESSAGE = "ICU's first number or date format is a long main-thread task (issue 20 §7); use groupedNumber (src/text/groupedNumber.ts).";

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
        { property: 'toLocaleString', message: ICU_MESSAGE },
        { property: 'toLocaleDateString', message: ICU_MESSAGE },
        { property: 'toLocaleTimeString', message: ICU_MESSAGE },
      ],
    },
  },
  { files: ['src/**/*.{ts,tsx}'], rules: { 'no-restricted-globals': ['error', { name: 'Intl', message: ICU_MESSAGE }] } },
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
        { property: 'toLocaleString', message: ICU_MESSAGE },
        { property: 'toLocaleDateString', message: ICU_MESSAGE },
        { property: 'toLocaleTimeString', message: ICU_MESSAGE },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: ['react', 'react-dom', 'zustand', '**/ui/**', '**/state/**', '**/worker/**'] },
      ],
    },
  },
  {
    // Tests, end-to-end specs, benches and scripts may word numbers with ICU (a test compares groupedNumber with it).
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', '*.config.{ts,js}'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'dataSync', message: 'Synchronous readback breaks WebGPU here; use await data().' },
        { property: 'arraySync', message: 'Synchronous readback breaks WebGPU here; use await array().' },
      ],
      'no-restricted-globals': 'off',
    },
  },
);
