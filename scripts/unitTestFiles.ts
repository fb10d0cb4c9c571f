/** The unit test files (vite.config.ts `test.projects`), and those that must run isolated. */
export const UNIT_TESTS = ['src/**/*.test.ts', 'scripts/**/*.test.ts'];

/**
 * The unit test files that replace a module with `vi.mock`: they cannot share a worker's modules with the others
 * (a module already loaded by another file would not be replaced). `unitTestFiles.test.ts` finds every such file.
 */
export const MOCKING_TESTS = ['src/algorithms/newAlgorithm.test.ts', 'src/probes/newProbe.test.ts', 'src/ui/charts/boundaryPixels.test.ts', 'src/ui/export/pytorchUnavailable.test.ts'];
