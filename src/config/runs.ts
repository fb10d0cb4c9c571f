/** Runs of a comparison: their keys and how many the playground holds at once. */
export type RunId = string;
export const MAX_RUNS = 8;
